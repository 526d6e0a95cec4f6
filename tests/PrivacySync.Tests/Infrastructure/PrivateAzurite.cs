using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// An Azurite of one test class's own (the repository's npm-installed one, data in a temp folder). Tests that run the
/// app's queue functions need it: the flow's queue names are fixed, so two hosts on one storage account would take
/// each other's messages.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string folder;

    private PrivateAzurite(Process process, string folder, int blob, int queue, int table)
    {
        this.process = process;
        this.folder = folder;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<PrivateAzurite> StartAsync(CancellationToken ct)
    {
        var azurite = RepositoryFiles.PathOf("node_modules/.bin/azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' (./run.sh test does).");
        }

        // A port found free can be taken by another test's process before Azurite binds it; Azurite then exits at once
        // (EADDRINUSE), and a start on three fresh ports succeeds.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var (started, error) = await TryStartAsync(azurite, ct);
            if (started is not null)
            {
                return started;
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException(error);
            }
        }
    }

    private static async Task<(PrivateAzurite? Started, string Error)> TryStartAsync(string azurite, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-azurite-").FullName;
        var (blob, queue, table) = DistinctFreePorts();
        List<string> arguments =
        [
            // In memory (Azurite refuses a --location with it): the data dies with the test class, and Azurite saving its
            // whole table database to disk every few seconds made large tables (the 50k-request benchmark) many times slower.
            "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
        ];
        if (Environment.GetEnvironmentVariable("PRIVACYSYNC_TEST_AZURITE_DEBUG") is { Length: > 0 } debugFolder)
        {
            // Every storage request Azurite served, one log per Azurite: how the storage operations are made up.
            Directory.CreateDirectory(debugFolder);
            arguments.AddRange(["--debug", Path.Combine(debugFolder, $"azurite-{Path.GetFileName(folder)}.log")]);
        }

        var start = new ProcessStartInfo(azurite, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && stderr.Count < 20) stderr.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new PrivateAzurite(process, folder, blob, queue, table);
        var deadline = DateTime.UtcNow.AddSeconds(90); // a busy machine (many builds at once) starts node slowly
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await ListensAsync(port, ct))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    var exited = process.HasExited ? $"exited with code {process.ExitCode}" : "still starting after 90 s";
                    await started.DisposeAsync();
                    return (null, $"Azurite did not start listening on port {port} ({exited}): {string.Join(" | ", stderr)}");
                }

                await Task.Delay(100, ct);
            }
        }

        return (started, "");
    }

    private static (int Blob, int Queue, int Table) DistinctFreePorts()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 3)
        {
            ports.Add(FreePort());
        }

        var list = ports.ToList();
        return (list[0], list[1], list[2]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> ListensAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
