using System.Diagnostics;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Infra;

/// <summary>One run of the bicep CLI: its exit code and what it printed.</summary>
internal sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Diagnostics (warnings, errors, linter findings) are printed on stderr; a clean run prints none there.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(Errors);

    public override string ToString() => $"exit {ExitCode}\n{Errors}\n{Output}";
}

/// <summary>
/// The bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package the test project downloads (PackageDownload),
/// and the compiled templates and parameter files of infra/, compiled once per test run.
/// </summary>
internal static partial class Bicep
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";
    public const string PackageVersion = "0.49.2";

    private static readonly Lazy<string> Executable = new(FindExecutable);
    private static readonly Lazy<Task<JObject>> MainTemplate = new(() => CompileAsync(InfraPath("main.bicep")));
    private static readonly Dictionary<string, Lazy<Task<JObject>>> ParameterFiles = ParameterFilePaths()
        .ToDictionary(p => p, p => new Lazy<Task<JObject>>(() => CompileParametersAsync(p)));

    public static string InfraPath(string relative) => RepositoryFiles.PathOf(Path.Combine("infra", relative));

    /// <summary>Every .bicep file under infra/ (main.bicep and its modules).</summary>
    public static IReadOnlyList<string> TemplatePaths() =>
        Directory.GetFiles(InfraPath(""), "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> ParameterFilePaths() =>
        Directory.GetFiles(InfraPath(""), "*.bicepparam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>The environment variables a parameter file reads with readEnvironmentVariable and no default.</summary>
    public static IReadOnlyList<string> RequiredEnvironmentVariables(string parameterFile) =>
        RequiredVariablePattern().Matches(File.ReadAllText(parameterFile)).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>Test values for every secret a parameter file reads from the environment, distinct per variable.</summary>
    public static IReadOnlyDictionary<string, string> TestEnvironment(string parameterFile) =>
        RequiredEnvironmentVariables(parameterFile).ToDictionary(v => v, v => $"test-value-of-{v}-0123456789abcdef");

    /// <summary>Runs the CLI in infra/ (so that relative patterns and bicepconfig.json are infra's).</summary>
    public static Task<BicepRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunInAsync(InfraPath(""), environment, arguments);

    public static async Task<BicepRun> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Offline: no telemetry, no version check against the internet.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 3 minutes");
        }

        return new BicepRun(process.ExitCode, await output, await errors);
    }

    /// <summary>main.bicep compiled to an ARM template (modules nested).</summary>
    public static Task<JObject> MainAsync() => MainTemplate.Value;

    /// <summary>A parameter file compiled with test values for its secrets: its "parameters" object.</summary>
    public static Task<JObject> ParametersAsync(string parameterFile) => ParameterFiles[parameterFile].Value;

    /// <summary>The parameter file's value of <paramref name="name"/>.</summary>
    public static async Task<JToken> ParameterAsync(string parameterFile, string name) =>
        (await ParametersAsync(parameterFile))[name]?["value"]
        ?? throw new InvalidOperationException($"{Path.GetFileName(parameterFile)} does not set {name}");

    /// <summary>A module of main.bicep (a nested deployment) by its deployment name.</summary>
    public static JObject Module(JObject main, string deploymentName) =>
        Resources(main).SingleOrDefault(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
        ?? throw new InvalidOperationException($"main.bicep has no module deployed as '{deploymentName}'");

    public static JObject ModuleTemplate(JObject main, string deploymentName) => (JObject)Module(main, deploymentName)["properties"]!["template"]!;

    /// <summary>The value main.bicep passes to a module parameter (a literal, or an ARM expression string).</summary>
    public static JToken ModuleParameter(JObject main, string deploymentName, string parameter) =>
        Module(main, deploymentName)["properties"]!["parameters"]![parameter]?["value"]
        ?? throw new InvalidOperationException($"module '{deploymentName}' gets no parameter '{parameter}'");

    /// <summary>A module parameter's value that is one string: an ARM expression, or a literal.</summary>
    public static string ModuleExpression(JObject main, string deploymentName, string parameter) =>
        (string?)ModuleParameter(main, deploymentName, parameter)
        ?? throw new InvalidOperationException($"module '{deploymentName}' parameter '{parameter}' is not a string");

    /// <summary>Resources of a template, whichever form (array, or symbolic-name object) the compiler chose.</summary>
    public static IEnumerable<JObject> Resources(JObject template) => template["resources"] switch
    {
        JArray array => array.OfType<JObject>(),
        JObject symbolic => symbolic.Properties().Select(p => p.Value).OfType<JObject>(),
        _ => [],
    };

    private static async Task<JObject> CompileAsync(string template)
    {
        var run = await RunAsync(null, "build", template, "--stdout");
        return run.IsClean ? JObject.Parse(run.Output) : throw new InvalidOperationException($"bicep build {template} failed: {run}");
    }

    private static async Task<JObject> CompileParametersAsync(string parameterFile)
    {
        var run = await RunAsync(TestEnvironment(parameterFile), "build-params", parameterFile, "--stdout");
        if (!run.IsClean) throw new InvalidOperationException($"bicep build-params {parameterFile} failed: {run}");
        var parameters = JObject.Parse((string)JObject.Parse(run.Output)["parametersJson"]!);
        return (JObject)parameters["parameters"]!;
    }

    /// <summary>The package folder restore used (obj/project.assets.json), else NUGET_PACKAGES or ~/.nuget/packages.</summary>
    private static string FindExecutable()
    {
        var folders = new List<string>();
        var assets = RepositoryFiles.PathOf("tests/PrivacySync.Tests/obj/project.assets.json");
        if (File.Exists(assets) && JObject.Parse(File.ReadAllText(assets))["packageFolders"] is JObject packageFolders)
        {
            folders.AddRange(packageFolders.Properties().Select(p => p.Name));
        }

        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured) folders.Add(configured);
        folders.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));

        var candidates = folders.Select(f => Path.Combine(f, PackageId, PackageVersion, "tools", "bicep")).ToList();
        var path = candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"The bicep CLI was not found ({string.Join(", ", candidates)}); restore tests/PrivacySync.Tests (it downloads {PackageId} {PackageVersion}).");

        // NuGet extracts the binary without its run bit.
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The bicep package the tests download is linux-x64.");
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        return path;
    }

    [GeneratedRegex(@"readEnvironmentVariable\(\s*'([^']+)'\s*\)")]
    private static partial Regex RequiredVariablePattern();
}
