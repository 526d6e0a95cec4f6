using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Worker;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Flow;

/// <summary>Which secrets a worker needs depends on what it serves: an on-premises task worker carries none of them.</summary>
[Collection(nameof(FlowCollection))]
public sealed class WorkerSecretsTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> NoSecrets = new()
    {
        ["PrivacySync:SigningKeyPem"] = null,
        ["PrivacySync:SubjectSalt"] = null,
        ["PrivacySync:LinkSecret"] = null,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnPremisesTaskWorkerStartsWithoutSigningKeySaltOrLinkSecret()
    {
        var flow = new FlowHarness(azurite);
        await using var worker = WorkerHost.Create(flow.Options([QueueNames.OnPremTasks], settings: NoSecrets) with { EnableHttp = false, EnableQueues = false });

        await worker.StartAsync(Ct);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task CollectingWorkerWithoutSubjectSaltFailsNamingTheSetting()
    {
        var flow = new FlowHarness(azurite);
        var settings = new Dictionary<string, string?> { ["PrivacySync:SubjectSalt"] = null };
        await using var worker = WorkerHost.Create(flow.Options([QueueNames.Collect], settings: settings) with { EnableHttp = false, EnableQueues = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(Ct));

        Assert.Contains("PrivacySync:SubjectSalt", error.Message);
    }

    [Fact]
    public async Task ApiWorkerWithoutLinkSecretFailsNamingTheSetting()
    {
        var flow = new FlowHarness(azurite);
        var settings = new Dictionary<string, string?> { ["PrivacySync:LinkSecret"] = null };
        await using var worker = WorkerHost.Create(flow.Options([QueueNames.OnPremTasks], settings: settings) with { EnableQueues = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(Ct));

        Assert.Contains("PrivacySync:LinkSecret", error.Message);
    }
}
