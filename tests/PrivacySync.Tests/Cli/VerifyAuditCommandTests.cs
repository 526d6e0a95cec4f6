using Azure;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using PrivacySync.Cli;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Cli;

/// <summary>
/// <c>verify-audit</c> against a trail in Azurite: exit 0 intact, 1 broken, 2 bad input; and with a signed certificate
/// that carries the chain's head, <c>verify-audit --certificate</c> and <c>verify --audit</c> give the same verdict.
/// </summary>
public sealed class VerifyAuditCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("privacysync-verify-audit-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CliRunner Cli(string auditKey = TestAudit.Key) => new(new Dictionary<string, string?>
    {
        [StorageSettings.SettingName] = azurite.ConnectionString,
        [AuditKey.SettingName] = auditKey,
    });

    private TableClient Table => azurite.Clients.Table(StoreNames.AuditTable);

    private async Task<(string RequestId, TableAuditLog Log)> TrailAsync()
    {
        var log = new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System);
        await log.EnsureCreatedAsync(Ct);
        var requestId = azurite.UniqueName("audit");
        await log.AppendAsync(new AuditEntry(requestId, "anna.test", AuditActions.Submitted, Outcome: "dispatched"), Ct);
        await log.AppendAsync(new AuditEntry(requestId, AuditActors.System, AuditActions.Dispatched), Ct);
        await log.AppendAsync(new AuditEntry(requestId, "bjorn.test", AuditActions.Extended, Outcome: "dispatched"), Ct);
        return (requestId, log);
    }

    /// <summary>A certificate signed over the trail's head as it stands, and one event appended after it (a download).</summary>
    private async Task<(string RequestId, string Certificate, string PublicKey)> CertifiedTrailAsync()
    {
        var (requestId, log) = await TrailAsync();
        var head = (await log.HeadAsync(requestId, Ct))!.Head;
        await log.AppendAsync(new AuditEntry(requestId, "anna.test", AuditActions.Downloaded), Ct);
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var body = new JObject
        {
            ["documentType"] = DeletionCertificate.DocumentType,
            ["requestId"] = requestId,
            [StatedDocument.AuditHeadProperty] = new JObject { ["sequence"] = head.Sequence, ["mac"] = head.Mac },
        };
        var certificate = Path.Combine(folder, $"{requestId}.json");
        await File.WriteAllTextAsync(certificate, new CertificateSigner(key).Sign(body), Ct);
        var publicKey = Path.Combine(folder, $"{requestId}.pem");
        await File.WriteAllTextAsync(publicKey, CertificateKeys.ExportPublicKeyPem(key), Ct);
        return (requestId, certificate, publicKey);
    }

    private async Task AlterEventAsync(string requestId, long sequence, string from, string to)
    {
        TableEntity row = await Table.GetEntityAsync<TableEntity>(requestId, AuditKeys.RowKey(sequence), cancellationToken: Ct);
        row["Data"] = row.GetString("Data")!.Replace(from, to, StringComparison.Ordinal);
        await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, Ct);
    }

    /// <summary>Both commands' exit codes for one certificate.</summary>
    private async Task<(int VerifyAudit, int Verify)> BothAsync(string certificate, string publicKey)
    {
        var cli = Cli();
        var audit = await cli.RunAsync("verify-audit", "--certificate", certificate, "--key", publicKey);
        var verify = await cli.RunAsync("verify", certificate, "--key", publicKey, "--audit");
        return (audit, verify);
    }

    [Fact]
    public async Task AnIntactTrailExitsWith0()
    {
        var (requestId, log) = await TrailAsync();
        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Contains("3 event(s)", cli.Output, StringComparison.Ordinal);
        var head = (await log.ReadAsync(requestId, Ct))[^1].Mac;
        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId, "--head", head));
    }

    [Fact]
    public async Task AnAlteredEventExitsWith1NamingIt()
    {
        var (requestId, _) = await TrailAsync();
        await AlterEventAsync(requestId, 2, "\"system\"", "\"mallory.test\"");
        var cli = Cli();

        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Contains("BROKEN at event 2", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrailCheckedWithAnotherKeyExitsWith1()
    {
        var (requestId, _) = await TrailAsync();
        var cli = Cli("someone-elses-audit-key-0123456789abcdef");

        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Contains("BROKEN at event 1", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsCutFromTheEndAreFoundWithTheKnownHead()
    {
        var (requestId, _) = await TrailAsync();
        await Table.DeleteEntityAsync(requestId, AuditKeys.RowKey(3), cancellationToken: Ct);
        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--request", requestId, "--head", new string('a', 64)));
    }

    [Fact]
    public async Task AppendsReadOnlyTheHeadRowAndTheChainStaysWhole()
    {
        var (requestId, log) = await TrailAsync();

        var head = await log.HeadAsync(requestId, Ct);
        var events = await log.ReadAsync(requestId, Ct);

        Assert.Equal(events[^1], head);
        Assert.Equal(3, events.Count); // the head row is not an event
        TableEntity row = await Table.GetEntityAsync<TableEntity>(requestId, TableAuditLog.HeadRowKey, cancellationToken: Ct);
        Assert.Contains(head!.Mac, row.GetString("Data"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothCommandsAcceptACertificateWhoseHeadIsInAnIntactTrail()
    {
        var (_, certificate, publicKey) = await CertifiedTrailAsync();

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), await BothAsync(certificate, publicKey));
    }

    [Fact]
    public async Task BothCommandsRefuseATrailCutBeforeTheCertificatesHead()
    {
        var (requestId, certificate, publicKey) = await CertifiedTrailAsync();
        // A writer removes the event the certificate names and everything after it: the chain alone stays intact.
        await Table.DeleteEntityAsync(requestId, AuditKeys.RowKey(4), cancellationToken: Ct);
        await Table.DeleteEntityAsync(requestId, AuditKeys.RowKey(3), cancellationToken: Ct);

        Assert.Equal(ExitCodes.Success, await Cli().RunAsync("verify-audit", "--request", requestId));
        Assert.Equal((ExitCodes.Failure, ExitCodes.Failure), await BothAsync(certificate, publicKey));
    }

    [Fact]
    public async Task BothCommandsRefuseAnAlteredEvent()
    {
        var (requestId, certificate, publicKey) = await CertifiedTrailAsync();
        await AlterEventAsync(requestId, 1, "\"anna.test\"", "\"mallory.test\"");

        Assert.Equal((ExitCodes.Failure, ExitCodes.Failure), await BothAsync(certificate, publicKey));
    }

    [Fact]
    public async Task BothCommandsRefuseACertificateWhoseHeadWasChanged()
    {
        var (requestId, certificate, publicKey) = await CertifiedTrailAsync();
        var events = await new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System).ReadAsync(requestId, Ct);
        // Pointing the certificate at an earlier event (to hide what followed) breaks its signature.
        await File.WriteAllTextAsync(certificate, (await File.ReadAllTextAsync(certificate, Ct)).Replace(events[2].Mac, events[1].Mac, StringComparison.Ordinal), Ct);

        var cli = Cli();
        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--certificate", certificate, "--key", publicKey));
        Assert.Contains("tampered", cli.Output, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Failure, ExitCodes.Failure), await BothAsync(certificate, publicKey));
    }

    [Fact]
    public async Task BadInputExitsWith2()
    {
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("verify-audit", "--request", azurite.UniqueName("nothing")));
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("verify-audit", "--request", "Not A Request"));
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("verify-audit"));

        var unconfigured = new CliRunner(new Dictionary<string, string?> { [AuditKey.SettingName] = TestAudit.Key });
        Assert.Equal(ExitCodes.InvalidInput, await unconfigured.RunAsync("verify-audit", "--request", "dsr-20261122101500-abcdefghjkmnpqrs"));
        Assert.Contains(StorageSettings.SettingName, unconfigured.Error, StringComparison.Ordinal);

        var keyless = new CliRunner(new Dictionary<string, string?> { [StorageSettings.SettingName] = azurite.ConnectionString });
        Assert.Equal(ExitCodes.InvalidInput, await keyless.RunAsync("verify-audit", "--request", "dsr-20261122101500-abcdefghjkmnpqrs"));
        Assert.Contains(AuditKey.SettingName, keyless.Error, StringComparison.Ordinal);
    }
}
