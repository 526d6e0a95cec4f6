using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.Graph;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365ResilienceTests
{
    private const string Subject = "per.hansen@customer.example";
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitsOutThrottlingWithRetryAfterAndThenSucceeds()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 5; i++)
        {
            sandbox.AddMessage(kari.Id!, "a@b.example", ["kari@contoso.example"], Start.AddDays(i));
        }

        sandbox.Tenant.InjectThrottling(2, "/messages");
        var connector = sandbox.Connector(sandbox.Options());

        var records = await connector.ExportAsync(new SubjectIdentity("kari@contoso.example"), Ct).ToListAsync(Ct);

        Assert.Equal(5, records.Count(r => r.Category == "mail"));
        Assert.Equal(2, sandbox.Tenant.ThrottledResponses);
    }

    [Fact]
    public async Task ReportsATransientFailureWithTheServicesRetryAfterWhenThrottlingOutlastsTheRetries()
    {
        await using var sandbox = await GraphSandbox.StartAsync(new GraphSimulatorOptions { RetryAfterSeconds = 1 });
        await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.Tenant.InjectThrottling(10, "/users");
        var connector = sandbox.Connector(sandbox.Options(o => o.MaxRetries = 1));

        var failure = await Assert.ThrowsAsync<TransientConnectorException>(
            () => connector.DiscoverAsync(new SubjectIdentity("kari@contoso.example"), Ct));

        Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
        Assert.Contains("429", failure.Message);
    }

    [Fact]
    public async Task KeepsAtMostFourConcurrentRequestsPerMailboxWhileDeleting()
    {
        await using var sandbox = await GraphSandbox.StartAsync(new GraphSimulatorOptions { MailboxLatency = TimeSpan.FromMilliseconds(40) });
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 40; i++)
        {
            sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start.AddHours(i));
        }

        // Asking for more than Outlook allows is clamped to its limit of four.
        var connector = sandbox.Connector(sandbox.Options(o => o.MaxConcurrentRequestsPerMailbox = 8));

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        Assert.Equal(new CategoryOutcome("mail", OutcomeKind.Erased, 40), outcome.Categories[0]);
        Assert.Equal(4, sandbox.Tenant.PeakMailboxConcurrency(kari.Id!));
        Assert.Equal(0, sandbox.Tenant.ThrottledResponses);
    }

    [Fact]
    public async Task RefusesAConfiguredFeatureWhoseApplicationPermissionIsMissing()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start);
        var readOnly = new[] { "User.ReadWrite.All", "GroupMember.Read.All", "Mail.Read", "Calendars.Read", "Contacts.ReadWrite", "Files.Read.All" };
        var connector = sandbox.Connector(sandbox.Options(), readOnly);

        var refusal = await Assert.ThrowsAsync<PermanentConnectorException>(() => connector.EraseAsync(new SubjectIdentity(Subject), Ct));
        var export = await connector.ExportAsync(new SubjectIdentity(Subject), Ct).ToListAsync(Ct);

        Assert.Contains("application permission Mail.ReadWrite (to delete an external person's messages", refusal.Message);
        Assert.Equal(1, sandbox.Tenant.MessageCount(kari.Id!));
        Assert.Single(export);
    }

    [Fact]
    public async Task RefusesEdiscoveryModeWithoutTheEdiscoveryPermission()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var connector = sandbox.Connector(
            sandbox.Options(o => o.Mode = Microsoft365Mode.Ediscovery),
            "User.Read.All", "GroupMember.Read.All", "Mail.Read", "Calendars.Read", "Contacts.Read", "Files.Read.All");

        var refusal = await Assert.ThrowsAsync<PermanentConnectorException>(() => connector.DiscoverAsync(new SubjectIdentity(Subject), Ct));

        Assert.Contains("eDiscovery.ReadWrite.All", refusal.Message);
    }

    [Fact]
    public async Task FailsPermanentlyWhenGraphRejectsTheToken()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        await using var other = await GraphSandbox.StartAsync();
        var foreignToken = other.Tenant.IssueToken(GraphSandbox.AllRoles);
        using var connector = new Microsoft365Connector(sandbox.Options(), new StaticTokenCredential(foreignToken));

        var failure = await Assert.ThrowsAsync<PermanentConnectorException>(() => connector.DiscoverAsync(new SubjectIdentity(Subject), Ct));

        Assert.Contains("InvalidAuthenticationToken", failure.Message);
        Assert.DoesNotContain(Subject, failure.Message);
    }
}
