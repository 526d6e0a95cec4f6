using System.Diagnostics;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The function app as `./run.sh publish` builds it — the folder the local Functions host runs, as Azure would. run.sh
/// test publishes once and names the folder in PRIVACYSYNC_TEST_APP; without it (a test run from an IDE) the first
/// test that needs the app publishes it into artifacts/test-publish.
/// </summary>
internal static class PublishedApp
{
    public const string VariableName = "PRIVACYSYNC_TEST_APP";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? folder;

    public static async Task<string> FolderAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } given)
        {
            return File.Exists(Path.Combine(given, "functions.metadata"))
                ? given
                : throw new InvalidOperationException($"{VariableName}={given} is not a published function app (no functions.metadata).");
        }

        await Gate.WaitAsync(ct);
        try
        {
            return folder ??= await PublishAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The local host's entry assembly, built with the tests (same configuration).</summary>
    public static string HostAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = RepositoryFiles.PathOf($"tests/PrivacySync.FunctionsHost/bin/{configuration}/net10.0/PrivacySync.FunctionsHost.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The local Functions host is not built: {path}");
    }

    private static async Task<string> PublishAsync(CancellationToken ct)
    {
        var output = RepositoryFiles.PathOf("artifacts/test-publish");
        var start = new ProcessStartInfo("dotnet", ["publish", RepositoryFiles.PathOf("functions/PrivacySync.Functions/PrivacySync.Functions.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}
