using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The published function app running under the local Functions host (tests/PrivacySync.FunctionsHost), as separate
/// processes: the host, and the worker it starts. Settings reach the worker the way app settings do in Azure, as
/// environment variables ("PrivacySync:TaskTimeout" becomes PrivacySync__TaskTimeout).
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789abcdef";
    public const string MasterKey = "test-master-key-0123456789abcdef";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppHost(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the host and the worker printed so far (for failure messages).</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public int HostProcessId => process.Id;

    public static async Task<AppHost> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct, TimeSpan? startWithin = null)
    {
        var app = await PublishedApp.FolderAsync(ct);
        var start = new ProcessStartInfo("dotnet",
        [
            // Port 0: the host binds a free port itself and names it in its ready line (no race for a picked port).
            PublishedApp.HostAssembly(), "--app", app, "--port", "0",
            "--function-key", FunctionKey, "--master-key", MasterKey,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment.TryAdd("PrivacySync__Telemetry__LocalExporter", "none");
        // The timer's %…% schedule must resolve for the host to start; nightly (02:00) keeps it out of a test's way.
        start.Environment.TryAdd("PrivacySync__Reconciliation__Schedule", "0 0 2 * * *");
        var host = new AppHost(Process.Start(start)!);
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            host.output.Enqueue(e.Data);
            if (e.Data.StartsWith("{\"ready\"", StringComparison.Ordinal) && JObject.Parse(e.Data)["url"] is { } url)
            {
                ready.TrySetResult(new Uri((string)url!));
            }
        };
        host.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.output.Enqueue(e.Data);
            }
        };
        host.process.Exited += (_, _) => ready.TrySetException(new AppHostExitedException(host.process.ExitCode, host.Output));
        host.process.EnableRaisingEvents = true;
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        try
        {
            // Generous: a host that cannot start exits and says why at once; only a starved machine comes near this.
            host.BaseAddress = await ready.Task.WaitAsync(startWithin ?? TimeSpan.FromSeconds(180), ct);
            return host;
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The local Functions host did not become ready:{Environment.NewLine}{host.Output}");
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the host expecting it to fail; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> FailToStartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        try
        {
            await using var host = await StartAsync(settings, ct, TimeSpan.FromSeconds(45));
            throw new InvalidOperationException("The app started although it should not have.");
        }
        catch (AppHostExitedException e)
        {
            return (e.ExitCode, e.Output);
        }
    }

    public HttpClient CreateClient(bool withFunctionKey = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (withFunctionKey)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        }

        return client;
    }

    /// <summary>The worker process the host started (its child running the app), if one is running.</summary>
    public int? WorkerProcessId()
    {
        // A child is listed under the thread that started it; a restarted worker is started by another thread.
        var tasks = $"/proc/{process.Id}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var ids = File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (ids.Length > 0)
                {
                    return int.Parse(ids[^1], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return null;
    }

    /// <summary>Kills the worker as a crash would (SIGKILL); the host is expected to start a new one.</summary>
    public void KillWorker()
    {
        var id = WorkerProcessId() ?? throw new InvalidOperationException("The host has no worker process to kill.");
        using var worker = Process.GetProcessById(id);
        worker.Kill();
    }

    /// <summary>Asks the host to shut down gracefully (SIGTERM, as a platform scale-in does) and waits for it.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The local Functions host did not stop within {within}:{Environment.NewLine}{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Killed instead; disposal must not fail a test that already passed or failed.
        }

        process.Dispose();
    }
}

/// <summary>The local Functions host ended before it was ready (a start-up failure of the host or the app).</summary>
public sealed class AppHostExitedException(int exitCode, string output)
    : InvalidOperationException($"The local Functions host exited with {exitCode} while starting:{Environment.NewLine}{output}")
{
    public int ExitCode { get; } = exitCode;

    public string Output { get; } = output;
}
