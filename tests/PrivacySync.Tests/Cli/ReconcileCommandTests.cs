using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Cli;

/// <summary><c>privacysync reconcile</c> against a private Azurite (the flow's table names are fixed).</summary>
public sealed class ReconcileCommandTests : IAsyncLifetime
{
    private PrivateAzurite storage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => storage = await PrivateAzurite.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await storage.DisposeAsync();

    private CliRunner Cli(params (string Key, string Value)[] extra) =>
        new(new Dictionary<string, string?>(extra.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
        {
            [StorageSettings.SettingName] = storage.ConnectionString,
            [AuditKey.SettingName] = TestAudit.Key,
        });

    [Fact]
    public async Task PrintsEachFindingThenSaysTheNightIsDoneOnTheSecondRun()
    {
        var store = new TableRequestStore(StorageClients.FromConnectionString(storage.ConnectionString));
        await store.EnsureCreatedAsync(Ct);
        var id = new RequestIds(TimeProvider.System).Next();
        var now = DateTimeOffset.UtcNow;
        await store.TryCreateAsync(new DataSubjectRequest
        {
            RequestId = id, Type = RequestType.Erasure, LegalEntityId = "nordvik-no", ReceivedOn = new DateOnly(2026, 10, 1),
            DueOn = new DateOnly(2026, 11, 1), Status = RequestStatus.Received, SubmittedBy = "officer-1", SubmissionId = "s-1",
            Verification = IdentityVerification.BankId, Language = Language.English, CreatedAt = now, UpdatedAt = now,
        }, Ct);
        var cli = Cli();

        Assert.Equal(0, await cli.RunAsync("reconcile", "--date", "2026-11-05", "--dry-run"));
        Assert.Contains("(dry run)", cli.Output, StringComparison.Ordinal);
        Assert.Contains($"critical\toverdue\t{id}\tnordvik-no\tOverdue by 4 day(s)", cli.Output, StringComparison.Ordinal);

        Assert.Equal(0, await cli.RunAsync("reconcile", "--date", "2026-11-05"));
        Assert.StartsWith("2026-11-05: 1 open request(s) scanned, 1 overdue.", cli.Output, StringComparison.Ordinal);

        Assert.Equal(0, await cli.RunAsync("reconcile", "--date", "2026-11-05"));
        Assert.Contains("2026-11-05 was already reconciled", cli.Output, StringComparison.Ordinal);
        Assert.Contains("nothing changed.", cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(id, cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesABadDateOrThresholdBeforeTouchingStorage()
    {
        var cli = Cli(("PrivacySync:Reconciliation:DueSoonDays", "0"));

        Assert.Equal(2, await Cli().RunAsync("reconcile", "--date", "01.12.2026"));
        Assert.Equal(2, await cli.RunAsync("reconcile", "--dry-run"));
        Assert.Contains("PrivacySync:Reconciliation", cli.Error, StringComparison.Ordinal);
        Assert.Equal(2, await new CliRunner().RunAsync("reconcile"));
    }
}
