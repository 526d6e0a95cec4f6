using System.Diagnostics;
using System.Net;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

/// <summary>The host as a process: the ready line on stdout, exit code 2 on bad configuration, SIGTERM stops it.</summary>
[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostCommandLineTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrintsOneReadyLineServesAndStopsOnSigterm()
    {
        var names = ProbeHost.NewNames();
        using var process = StartHost(["--app", fixture.PublishFolder, "--port", "0", "--master-key", "mk"], ProbeHost.Settings(fixture, names));
        var stderr = process.StandardError.ReadToEndAsync(Ct);

        var line = await process.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var ready = JObject.Parse(line ?? throw new InvalidOperationException($"no ready line; stderr:\n{await stderr}"));
        Assert.True((bool)ready["ready"]!);
        var url = (string)ready["url"]!;
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
        var functionKey = (string)ready["functionKey"]!;
        Assert.True(functionKey.Length >= 32, "a random function key when none is given");
        Assert.Equal(["ready", "url", "functionKey"], ready.Properties().Select(p => p.Name));

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/items/1?code={functionKey}", Ct)).StatusCode);

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(0, process.ExitCode);
        Assert.Null(await process.StandardOutput.ReadLineAsync(Ct));
        Assert.Contains("Stopped", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitsWithCodeTwoNamingTheBadHostJsonProperty()
    {
        var app = fixture.Variant(hostJson => hostJson["extensions"]!["queues"]!["maxPollingInterval"] = "soon");
        using var process = StartHost(["--app", app], ProbeHost.Settings(fixture, ProbeHost.NewNames()));

        var stderr = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("host.json", stderr, StringComparison.Ordinal);
        Assert.Contains("extensions.queues.maxPollingInterval", stderr, StringComparison.Ordinal);
    }

    private static Process StartHost(string[] arguments, IReadOnlyDictionary<string, string?> settings)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "PrivacySync.FunctionsHost.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings)
        {
            startInfo.Environment[name] = value;
        }

        return Process.Start(startInfo)!;
    }
}
