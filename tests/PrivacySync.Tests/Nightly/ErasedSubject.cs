using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;
using PrivacySync.Tests.Cli;
using PrivacySync.Tests.Connectors.Hr;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// One person erased end to end through the published app and the four real systems (<see cref="RealSystems"/>), and
/// <c>privacysync reconcile</c> run for a chosen night against the same storage and systems, on a fake clock —
/// as an operator runs it, with the app's settings and the on-premises HR database's secrets.
/// </summary>
internal sealed class ErasedSubject : IAsyncDisposable
{
    private ErasedSubject(RealSystems systems, string requestId, string certificate, string? accessRequestId)
    {
        Systems = systems;
        RequestId = requestId;
        Certificate = certificate;
        AccessRequestId = accessRequestId;
    }

    /// <summary>The access request answered before the erasure, when asked for (its export package and raw results exist).</summary>
    public string? AccessRequestId { get; }

    /// <summary>The day the erasure completed (the real clock: the app ran on it).</summary>
    public DateOnly CompletedOn { get; private init; }

    public RealSystems Systems { get; }

    public string RequestId { get; }

    /// <summary>The signed deletion certificate as the collector stored it.</summary>
    public string Certificate { get; }

    public string PublicKeyPem
    {
        get
        {
            using var key = CertificateKeys.LoadPrivateKeyPem(Systems.CloudSettings["PrivacySync:SigningKeyPem"]!);
            return CertificateKeys.ExportPublicKeyPem(key);
        }
    }

    public static async Task<ErasedSubject> StartAsync(bool accessFirst = false)
    {
        var systems = await RealSystems.StartAsync();
        try
        {
            string? access = null;
            if (accessFirst)
            {
                (access, _) = await systems.SubmitAsync("access");
                Assert.Equal("completed", (string?)(await systems.WaitForCompletionAsync(access))["status"]);
            }

            var (id, _) = await systems.SubmitAsync("erasure");
            await systems.DecideAsync(id, "approve", RealSystems.Approver);
            var request = await systems.WaitForCompletionAsync(id);
            Assert.True((string?)request["status"] == "completed", request.ToString());
            var certificate = await OutputAsync(systems, id, "certificate.json");
            return new ErasedSubject(systems, id, certificate ?? throw new InvalidOperationException("No certificate was stored."), access)
            {
                CompletedOn = DateOnly.FromDateTime(request["completedAt"]!.ToObject<DateTimeOffset>().UtcDateTime),
            };
        }
        catch
        {
            await systems.DisposeAsync();
            throw;
        }
    }

    /// <summary>The night's reconciliation through the command line, at 02:00 UTC of <paramref name="night"/> unless the clock says otherwise.</summary>
    public Task<(int Code, string Output, string Error)> ReconcileAsync(DateOnly night, FakeTimeProvider? clock = null, params string[] more) =>
        Systems.ReconcileAsync(night, clock, more);

    public Task<string?> OutputAsync(string fileName) => OutputAsync(Systems, RequestId, fileName);

    /// <summary>Changes the configuration document the command line reads (the running app keeps what it loaded).</summary>
    public async Task ConfigureAsync(Action<JObject> change)
    {
        var path = Systems.CloudSettings["PrivacySync:ConfigPath"]!;
        var document = JObject.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        change(document);
        await File.WriteAllTextAsync(path, document.ToString(), TestContext.Current.CancellationToken);
    }

    private static async Task<string?> OutputAsync(RealSystems systems, string requestId, string fileName)
    {
        await using var stored = await systems.Service<IOutputStore>().OpenAsync(requestId, fileName, TestContext.Current.CancellationToken);
        if (stored is null)
        {
            return null;
        }

        using var reader = new StreamReader(stored.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>GET of a HubSpot record through the simulator's API with the seeding token: its status code.</summary>
    public async Task<HttpStatusCode> HubSpotStatusAsync(string path) => (await Systems.HubSpot.SendAsync(HttpMethod.Get, path)).Status;

    public ValueTask DisposeAsync() => Systems.DisposeAsync();
}
