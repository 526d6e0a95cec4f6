using Microsoft.Extensions.Configuration;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>
/// The outcome of loading a script root: every problem found, and the app with its valid functions (null only
/// when the script root or host.json is unusable). <see cref="DeclaredFunctions"/> names every function folder,
/// valid or not, so registrations can be checked even while a function.json is broken.
/// </summary>
public sealed record FunctionAppLoadResult(
    FunctionApp? App,
    IReadOnlyList<ConfigurationProblem> Problems,
    IReadOnlyList<string> DeclaredFunctions)
{
    public bool IsValid => App is not null && Problems.Count == 0;
}

/// <summary>
/// Loads a script root laid out as the Functions host expects (host.json plus &lt;Name&gt;/function.json per
/// function) and checks it against the app settings and the registered handlers.
/// </summary>
public static class FunctionAppLoader
{
    public const string FunctionJsonFileName = "function.json";

    public static FunctionAppLoadResult Load(string scriptRoot, IConfiguration settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptRoot);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<ConfigurationProblem>();
        if (!Directory.Exists(scriptRoot))
        {
            problems.Add(new(scriptRoot, "the script root directory does not exist."));
            return new(null, problems, []);
        }

        var host = HostJsonReader.Read(Path.Combine(scriptRoot, "host.json"), problems);
        CheckStorageSetting(StorageSettings.SettingName, settings, problems);

        var folders = Directory.EnumerateDirectories(scriptRoot)
            .Where(folder => File.Exists(Path.Combine(folder, FunctionJsonFileName)))
            .ToDictionary(folder => Path.GetFileName(folder), StringComparer.OrdinalIgnoreCase);

        var names = folders.Keys.Order(StringComparer.Ordinal).ToList();
        if (host?.FunctionNames is { } listed)
        {
            // host.json "functions" limits the host to the listed functions; each must exist.
            foreach (var name in listed.Where(name => !folders.ContainsKey(name)))
            {
                problems.Add(new(host.FilePath, $"'functions' names '{name}', but there is no folder '{name}' with a function.json in {scriptRoot}."));
            }

            names = listed.Where(folders.ContainsKey).ToList();
        }

        var functions = new List<FunctionMetadata>();
        foreach (var name in names)
        {
            var function = FunctionJsonReader.Read(
                Path.GetFileName(folders[name]), Path.Combine(folders[name], FunctionJsonFileName), settings, problems);
            if (function is not null)
            {
                functions.Add(function);
            }
        }

        foreach (var connection in functions
                     .SelectMany(function => function.QueueOutputs.Select(output => output.ConnectionSetting)
                         .Append(function.Queue?.ConnectionSetting))
                     .OfType<string>()
                     .Where(connection => connection != StorageSettings.SettingName)
                     .Distinct(StringComparer.Ordinal))
        {
            CheckStorageSetting(connection, settings, problems);
        }

        var app = host is null ? null : new FunctionApp(scriptRoot, host, functions);
        return new(app, problems, names.Select(name => Path.GetFileName(folders[name])).ToList());
    }

    /// <summary>
    /// Checks that every function.json has a registered handler of the right kind and every registered handler
    /// has a function.json. Pure HTTP functions are forwarded by the host, so they must be <see cref="IHttpFunction"/>;
    /// all others arrive as invocation payloads, so they must be <see cref="IFunctionHandler"/>.
    /// </summary>
    public static IReadOnlyList<ConfigurationProblem> CheckRegistrations(
        FunctionApp app,
        FunctionRegistry registry,
        IReadOnlyCollection<string>? declaredFunctions = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(registry);
        var declared = new HashSet<string>(declaredFunctions ?? app.Functions.Select(function => function.Name), StringComparer.OrdinalIgnoreCase);
        var problems = new List<ConfigurationProblem>();
        foreach (var name in registry.DuplicateNames)
        {
            problems.Add(new(name, $"more than one handler is registered for function '{name}'."));
        }

        foreach (var function in app.Functions)
        {
            var registration = registry.Find(function.Name);
            var forwarded = function.IsPureHttp && app.Host.ForwardHttpRequests;
            if (registration is null)
            {
                problems.Add(new(function.FilePath, $"no handler is registered for function '{function.Name}': add services.AddFunction<THandler>() for a type whose FunctionName is '{function.Name}'."));
            }
            else if (forwarded && registration.Kind != FunctionKind.Http)
            {
                problems.Add(new(function.FilePath, $"'{function.Name}' is a pure HTTP function, which the host forwards as plain HTTP; its handler {registration.HandlerType.Name} must implement {nameof(IHttpFunction)}."));
            }
            else if (!forwarded && registration.Kind == FunctionKind.Http)
            {
                problems.Add(new(function.FilePath, $"'{function.Name}' has bindings other than httpTrigger/http, so the host sends it an invocation payload; its handler {registration.HandlerType.Name} must implement {nameof(IFunctionHandler)}."));
            }
        }

        // Folders whose function.json failed to load are already reported; they still need a handler.
        foreach (var name in declared.Where(name => app.Find(name) is null && registry.Find(name) is null))
        {
            problems.Add(new(Path.Combine(app.ScriptRoot, name, FunctionJsonFileName), $"no handler is registered for function '{name}': add services.AddFunction<THandler>() for a type whose FunctionName is '{name}'."));
        }

        foreach (var (name, registration) in registry.All.Where(entry => !declared.Contains(entry.Name)))
        {
            problems.Add(new(registration.HandlerType.Name, $"handler for function '{name}' is registered, but there is no {name}/{FunctionJsonFileName} in {app.ScriptRoot}."));
        }

        return problems;
    }

    private static void CheckStorageSetting(string settingName, IConfiguration settings, List<ConfigurationProblem> problems)
    {
        if (settingName == StorageSettings.SettingName)
        {
            // The default connection may also be identity-based (AzureWebJobsStorage__accountName etc.).
            try
            {
                _ = StorageClients.FromConfiguration(settings);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(new(settingName, ex.Message));
            }

            return;
        }

        var value = settings[settingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(settingName, $"app setting '{settingName}' (a storage connection string) is not set; set it in the environment or appsettings.json."));
            return;
        }

        try
        {
            _ = StorageClients.FromConnectionString(value);
        }
        catch (InvalidOperationException ex)
        {
            // The storage client's message names the faulty part and never echoes the key.
            problems.Add(new(settingName, $"app setting '{settingName}' is not a valid storage connection string: {ex.Message}"));
        }
    }
}
