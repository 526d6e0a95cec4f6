using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

[CollectionDefinition(nameof(FunctionsHostCollection), DisableParallelization = true)]
public sealed class FunctionsHostCollection : ICollectionFixture<ProbeAppFixture>;

/// <summary>
/// The probe app, published once per run (or the folder named by PRIVACYSYNC_TEST_PROBE_APP), and the Azurite
/// connection string from PRIVACYSYNC_TEST_STORAGE. Variants copy the publish folder with a changed host.json.
/// </summary>
public sealed class ProbeAppFixture : IAsyncLifetime
{
    public const string ProbeAppVariable = "PRIVACYSYNC_TEST_PROBE_APP";
    public const string StorageVariable = "PRIVACYSYNC_TEST_STORAGE";
    private readonly List<string> _temporary = [];

    public string PublishFolder { get; private set; } = string.Empty;

    public string StorageConnection { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        StorageConnection = Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } storage
            ? storage
            : throw new InvalidOperationException(
                $"{StorageVariable} is not set. The local Functions host tests need Azurite: run './run.sh test', or "
                + $"start Azurite and set {StorageVariable} to its connection string.");

        if (Environment.GetEnvironmentVariable(ProbeAppVariable) is { Length: > 0 } published)
        {
            PublishFolder = published;
            return;
        }

        PublishFolder = NewTemporaryFolder("probe-app");
        var project = Path.Combine(RepositoryRoot(), "tests", "PrivacySync.FunctionsHost.ProbeApp");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", PublishFolder, "-nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the probe app failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    /// <summary>A copy of the published app whose host.json is changed by <paramref name="edit"/>.</summary>
    public string Variant(Action<JObject> edit)
    {
        var folder = NewTemporaryFolder("probe-variant");
        CopyFolder(PublishFolder, folder);
        var hostJsonPath = Path.Combine(folder, "host.json");
        var hostJson = JObject.Parse(File.ReadAllText(hostJsonPath));
        edit(hostJson);
        File.WriteAllText(hostJsonPath, hostJson.ToString());
        return folder;
    }

    /// <summary>A copy of the published app with host.json replaced by raw text (for malformed files).</summary>
    public string VariantWithHostJson(string text)
    {
        var folder = NewTemporaryFolder("probe-variant");
        CopyFolder(PublishFolder, folder);
        File.WriteAllText(Path.Combine(folder, "host.json"), text);
        return folder;
    }

    private string NewTemporaryFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory($"privacysync-{prefix}-").FullName;
        _temporary.Add(folder);
        return folder;
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrivacySync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PrivacySync.sln) was not found above the test binaries.");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var folder in _temporary)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A worker that was killed may still hold a file for a moment; the temp folder is throwaway.
            }
        }

        return ValueTask.CompletedTask;
    }
}
