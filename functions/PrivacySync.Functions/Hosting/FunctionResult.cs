namespace PrivacySync.Functions.Hosting;

/// <summary>
/// What a function hands back to its host: output binding values by binding name (a list or JArray for a
/// queue output means several messages), log lines for the invocation log, and the <c>$return</c> value.
/// </summary>
public sealed record FunctionResult
{
    public static FunctionResult Empty { get; } = new();

    public IReadOnlyDictionary<string, object?> Outputs { get; init; } =
        new Dictionary<string, object?>(StringComparer.Ordinal);

    public IReadOnlyList<string> Logs { get; init; } = [];

    public object? ReturnValue { get; init; }

    public static FunctionResult WithOutput(string bindingName, object value) => Empty.AndOutput(bindingName, value);

    public static FunctionResult WithReturnValue(object? value) => new() { ReturnValue = value };

    /// <summary>A copy with one more output binding value (replacing an earlier value for that name).</summary>
    public FunctionResult AndOutput(string bindingName, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bindingName);
        var outputs = new Dictionary<string, object?>(Outputs, StringComparer.Ordinal) { [bindingName] = value };
        return this with { Outputs = outputs };
    }

    /// <summary>A copy with one more invocation log line (never personal data: ids only).</summary>
    public FunctionResult AndLog(string line) => this with { Logs = [.. Logs, line] };
}
