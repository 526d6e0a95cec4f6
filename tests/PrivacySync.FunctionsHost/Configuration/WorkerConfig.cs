using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.FunctionsHost.Configuration;

/// <summary>How to start the worker, from the app's worker.config.json <c>description</c>.</summary>
internal sealed record WorkerConfig(string ExecutablePath, IReadOnlyList<string> Arguments, string? WorkerPath, IReadOnlyList<string> WorkerArguments)
{
    public static WorkerConfig Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
        {
            throw new FunctionsHostStartException(
                $"{path} is missing: the app folder must be the output of 'dotnet publish' of an isolated-worker app.");
        }

        JObject description;
        try
        {
            description = JObject.Parse(File.ReadAllText(path))["description"] as JObject
                ?? throw new FunctionsHostStartException($"{path}: 'description' must be an object.");
        }
        catch (JsonException e)
        {
            throw new FunctionsHostStartException($"{path} is not valid JSON: {e.Message}", e);
        }

        var executable = (string?)description["defaultExecutablePath"];
        if (string.IsNullOrWhiteSpace(executable))
        {
            throw new FunctionsHostStartException($"{path}: 'description.defaultExecutablePath' is missing.");
        }

        // A relative executable that ships in the app (self-contained worker) runs from there; "dotnet" from PATH.
        var local = Path.Combine(appDirectory, executable);
        if (File.Exists(local))
        {
            executable = local;
        }
        else if (executable == "dotnet")
        {
            executable = FindDotnet();
        }

        var workerPath = (string?)description["defaultWorkerPath"];
        return new WorkerConfig(
            executable,
            Strings(description["arguments"]),
            string.IsNullOrWhiteSpace(workerPath) ? null : Path.Combine(appDirectory, workerPath),
            Strings(description["workerArguments"]));
    }

    private static string[] Strings(JToken? token) =>
        token is JArray array ? array.Select(t => (string?)t).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray() : [];

    private static string FindDotnet()
    {
        // The SDK sets DOTNET_HOST_PATH for tools and tests; otherwise search PATH like a shell would.
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}
