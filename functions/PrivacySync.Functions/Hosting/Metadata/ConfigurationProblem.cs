namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>One start-up configuration error: where (a file path or a setting name) and what is wrong.</summary>
public sealed record ConfigurationProblem(string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>
/// The function app cannot start as configured. Thrown at start-up only (never while running); the CLI turns it
/// into exit code 2 and prints every problem.
/// </summary>
public sealed class FunctionAppConfigurationException : Exception
{
    public FunctionAppConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigurationProblem> problems) =>
        "The function app configuration is invalid:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(problem => "  - " + problem));
}
