using Azure;
using Azure.Data.Tables;
using PrivacySync.Core.Audit;
using PrivacySync.Cli;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Cli;

/// <summary><c>verify-audit</c> against a trail in Azurite: exit 0 intact, 1 broken, 2 bad input.</summary>
public sealed class VerifyAuditCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CliRunner Cli() => new(new Dictionary<string, string?> { [StorageSettings.SettingName] = azurite.ConnectionString });

    private async Task<(string RequestId, TableAuditLog Log)> TrailAsync()
    {
        var log = new TableAuditLog(azurite.Clients, TimeProvider.System);
        await log.EnsureCreatedAsync(Ct);
        var requestId = azurite.UniqueName("audit");
        await log.AppendAsync(new AuditEntry(requestId, "anna.test", AuditActions.Submitted, Outcome: "dispatched"), Ct);
        await log.AppendAsync(new AuditEntry(requestId, AuditActors.System, AuditActions.Dispatched), Ct);
        await log.AppendAsync(new AuditEntry(requestId, "bjorn.test", AuditActions.Extended, Outcome: "dispatched"), Ct);
        return (requestId, log);
    }

    [Fact]
    public async Task AnIntactTrailExitsWith0()
    {
        var (requestId, log) = await TrailAsync();
        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Contains("3 event(s)", cli.Output, StringComparison.Ordinal);
        var head = (await log.ReadAsync(requestId, Ct))[^1].Hash;
        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId, "--head", head));
    }

    [Fact]
    public async Task AnAlteredEventExitsWith1NamingIt()
    {
        var (requestId, _) = await TrailAsync();
        var table = azurite.Clients.Table(StoreNames.AuditTable);
        TableEntity row = await table.GetEntityAsync<TableEntity>(requestId, AuditKeys.RowKey(2), cancellationToken: Ct);
        row["Data"] = row.GetString("Data")!.Replace("\"system\"", "\"mallory.test\"", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, Ct);
        var cli = Cli();

        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Contains("BROKEN at event 2", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsCutFromTheEndAreFoundWithTheKnownHead()
    {
        var (requestId, _) = await TrailAsync();
        await azurite.Clients.Table(StoreNames.AuditTable).DeleteEntityAsync(requestId, AuditKeys.RowKey(3), cancellationToken: Ct);
        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify-audit", "--request", requestId));
        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify-audit", "--request", requestId, "--head", new string('a', 64)));
    }

    [Fact]
    public async Task BadInputExitsWith2()
    {
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("verify-audit", "--request", azurite.UniqueName("nothing")));
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("verify-audit", "--request", "Not A Request"));

        var unconfigured = new CliRunner();
        Assert.Equal(ExitCodes.InvalidInput, await unconfigured.RunAsync("verify-audit", "--request", "dsr-20261122101500-abcdefghjkmnpqrs"));
        Assert.Contains(StorageSettings.SettingName, unconfigured.Error, StringComparison.Ordinal);
    }
}
