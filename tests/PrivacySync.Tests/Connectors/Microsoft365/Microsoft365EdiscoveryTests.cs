using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.Graph;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365EdiscoveryTests
{
    private const string Subject = "per.hansen@customer.example";
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Five eDiscovery actions per second instead of per minute: the same Retry-After behaviour, in test time.
    private static GraphSimulatorOptions Fast => new() { EdiscoveryActionsPerWindow = 5, EdiscoveryWindow = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task DiscoversAndExportsTheItemReportOfAnEdiscoverySearch()
    {
        await using var sandbox = await GraphSandbox.StartAsync(Fast);
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        var ola = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start, "Offer, revised");
        sandbox.AddMessage(ola.Id!, "ola@contoso.example", [Subject], Start.AddDays(1), "Contract");
        sandbox.AddMessage(ola.Id!, "ola@contoso.example", ["x@y.example"], Start.AddDays(2), "unrelated");
        var connector = sandbox.Connector(sandbox.Options(o => o.Mode = Microsoft365Mode.Ediscovery));

        var discovered = await connector.DiscoverAsync(new SubjectIdentity(Subject), Ct);
        var records = await connector.ExportAsync(new SubjectIdentity(Subject), Ct).ToListAsync(Ct);

        Assert.Equal(2, discovered.Categories.Single(c => c.Name == "mail").RecordCount);
        Assert.Equal(["Contract", "Offer, revised"], records.Select(r => (string?)r.Fields["Subject"]).Order().ToList());
        Assert.All(records, r => Assert.Equal("Microsoft 365 (Purview eDiscovery)", r.Source));
        Assert.Equal("ola@contoso.example", (string?)records.Single(r => (string?)r.Fields["Subject"] == "Contract").Fields["Location"]);
    }

    [Fact]
    public async Task PurgesInPassesOfAtMostOneHundredItemsPerMailboxWhileRespectingTheActionRate()
    {
        await using var sandbox = await GraphSandbox.StartAsync(Fast);
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 250; i++)
        {
            sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start.AddHours(i));
        }

        sandbox.AddMessage(kari.Id!, "kari@contoso.example", ["ola@contoso.example"], Start, "internal");
        var connector = sandbox.Connector(sandbox.Options(o => o.Mode = Microsoft365Mode.Ediscovery));

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        Assert.Equal(new CategoryOutcome("mail", OutcomeKind.Erased, 250), outcome.Categories[0]);
        Assert.Equal(3, sandbox.Ediscovery.CompletedPurges);
        Assert.Equal(1, sandbox.Tenant.MessageCount(kari.Id!));
        Assert.True(sandbox.Tenant.ThrottledResponses > 0, "eight actions in a five-per-second window must have met a 429 and waited");
    }

    [Fact]
    public async Task AsksForManualActionWhenAHoldKeepsPurgedItems()
    {
        await using var sandbox = await GraphSandbox.StartAsync(Fast);
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start);
        sandbox.AddMessage(kari.Id!, "kari@contoso.example", [Subject], Start.AddDays(1));
        sandbox.Tenant.SetLitigationHold(kari.Id!, true);
        var connector = sandbox.Connector(sandbox.Options(o => o.Mode = Microsoft365Mode.Ediscovery));

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        var mail = outcome.Categories[0];
        Assert.Equal(OutcomeKind.ManualActionRequired, mail.Kind);
        Assert.Contains("0 of 2 matching items were purged; 2 still match", mail.Instructions);
        Assert.Contains("Recoverable Items", mail.Instructions);
        Assert.Contains("eDiscovery Administrator", mail.Instructions);
        Assert.DoesNotContain(Subject, mail.Instructions);
    }

    [Fact]
    public async Task SearchesOnlyTheListedMailboxesAsAdditionalSources()
    {
        await using var sandbox = await GraphSandbox.StartAsync(Fast);
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        var ola = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start);
        sandbox.AddMessage(ola.Id!, Subject, ["ola@contoso.example"], Start);
        var connector = sandbox.Connector(sandbox.Options(o =>
        {
            o.Mode = Microsoft365Mode.Ediscovery;
            o.MailboxScope = MailboxScope.List;
            o.Mailboxes = ["ola@contoso.example"];
        }));

        var discovered = await connector.DiscoverAsync(new SubjectIdentity(Subject), Ct);

        Assert.Equal(1, discovered.Categories.Single(c => c.Name == "mail").RecordCount);
    }
}
