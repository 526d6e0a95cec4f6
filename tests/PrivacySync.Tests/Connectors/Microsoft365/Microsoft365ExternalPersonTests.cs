using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.Graph;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365ExternalPersonTests
{
    private const string Subject = "per.hansen@customer.example";
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportsMessagesTheSubjectSentOrReceivedAcrossMailboxesAndContactsHoldingTheAddress()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        var ola = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start, "sent by subject");
        sandbox.AddMessage(kari.Id!, "kari@contoso.example", [Subject], Start.AddDays(1), "to subject");
        sandbox.AddMessage(ola.Id!, "ola@contoso.example", ["someone@else.example"], Start.AddDays(2), "cc subject", cc: [Subject.ToUpperInvariant()]);
        sandbox.AddMessage(ola.Id!, "ola@contoso.example", ["someone@else.example"], Start.AddDays(3), "unrelated");
        sandbox.Tenant.AddContact(ola.Id!, new() { ["displayName"] = "Per", ["emailAddresses"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["address"] = Subject }) });
        sandbox.Tenant.AddContact(ola.Id!, new() { ["displayName"] = "Other", ["emailAddresses"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["address"] = "x@y.example" }) });
        var connector = sandbox.Connector(sandbox.Options());

        var records = await connector.ExportAsync(new SubjectIdentity(Subject), Ct).ToListAsync(Ct);

        Assert.Equal(
            ["mail:sent by subject", "mail:to subject", "mail:cc subject", "contacts:Per"],
            records.Select(r => r.Category + ":" + ((string?)r.Fields["subject"] ?? (string?)r.Fields["displayName"])).ToList());
        Assert.All(records, r => Assert.Equal("GDPR Art. 6(1)(b) (contract) and 6(1)(f) (legitimate interest in business correspondence)", r.LegalBasis));
        Assert.Equal("ola@contoso.example", (string?)records[2].Fields["mailbox"]);
    }

    [Fact]
    public async Task PartitionsTheRecipientSearchByDateToStayBelowTheResultCap()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 2_400; i++)
        {
            sandbox.AddMessage(kari.Id!, "kari@contoso.example", [Subject], Start.AddHours(i * 7), $"reply {i}");
        }

        sandbox.AddMessage(kari.Id!, "kari@contoso.example", ["other@customer.example"], Start, "not to subject");
        var connector = sandbox.Connector(sandbox.Options(o => o.IncludeMessageBodies = false));

        var mail = await connector.ExportAsync(new SubjectIdentity(Subject), Ct).ToListAsync(Ct);
        var discovered = await connector.DiscoverAsync(new SubjectIdentity(Subject), Ct);

        Assert.Equal(2_400, mail.Count);
        Assert.Equal(2_400, mail.Select(r => (string?)r.Fields["messageId"]).Distinct().Count());
        Assert.Equal(2_400, discovered.Categories.Single(c => c.Name == "mail").RecordCount);
        Assert.Null(discovered.Note);
    }

    [Fact]
    public async Task AsksForManualActionWhenOneDayHasMoreMatchesThanSearchCanReturn()
    {
        await using var sandbox = await GraphSandbox.StartAsync(new GraphSimulatorOptions { SearchResultCap = 5 });
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 7; i++)
        {
            sandbox.AddMessage(kari.Id!, "kari@contoso.example", [Subject], Start.AddMinutes(i));
        }

        var connector = sandbox.Connector(sandbox.Options(o => o.SearchResultCap = 5));

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        var mail = outcome.Categories.Single(c => c.Category == "mail");
        Assert.Equal(OutcomeKind.ManualActionRequired, mail.Kind);
        Assert.Contains("5 messages were deleted", mail.Instructions);
        Assert.Contains("eDiscovery mode", mail.Instructions);
        Assert.Equal(2, sandbox.Tenant.MessageCount(kari.Id!));
    }

    [Fact]
    public async Task PermanentlyDeletesTheSubjectsMessagesAndContactsAndNothingElse()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        var ola = await sandbox.CreateUserAsync("ola@contoso.example");
        for (var i = 0; i < 30; i++)
        {
            sandbox.AddMessage(i % 2 == 0 ? kari.Id! : ola.Id!, i % 3 == 0 ? Subject : "kari@contoso.example", [i % 3 == 0 ? "kari@contoso.example" : Subject], Start.AddDays(i));
        }

        sandbox.AddMessage(kari.Id!, "kari@contoso.example", ["ola@contoso.example"], Start, "internal");
        sandbox.Tenant.AddContact(kari.Id!, new() { ["displayName"] = "Per", ["emailAddresses"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["address"] = Subject }) });
        var connector = sandbox.Connector(sandbox.Options());

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);
        var again = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        Assert.Equal(new CategoryOutcome("mail", OutcomeKind.Erased, 30), outcome.Categories[0]);
        Assert.Equal(new CategoryOutcome("contacts", OutcomeKind.Erased, 1), outcome.Categories[1]);
        Assert.Equal(1, sandbox.Tenant.MessageCount(kari.Id!));
        Assert.Equal(0, sandbox.Tenant.MessageCount(ola.Id!));
        Assert.Equal(0, sandbox.Tenant.ContactCount(kari.Id!));
        Assert.All(again.Categories, c => Assert.Equal(OutcomeKind.NotFound, c.Kind));
    }

    [Fact]
    public async Task RetainsMessagesUnderTheConfiguredLegalBasisWithoutDeletingThem()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start, "invoice");
        var connector = sandbox.Connector(
            sandbox.Options(o =>
            {
                o.ExternalMessages = ErasureRule.Retain("Norwegian Bookkeeping Act § 13 (5 years)", 5);
                o.FormerEmployee = ErasureRule.Retain("Employment records");
            }),
            "User.Read.All", "GroupMember.Read.All", "Mail.Read", "Calendars.Read", "Contacts.ReadWrite", "Files.Read.All");

        var outcome = await connector.EraseAsync(new SubjectIdentity(Subject), Ct);

        var mail = outcome.Categories[0];
        Assert.Equal(OutcomeKind.Retained, mail.Kind);
        Assert.Equal("Norwegian Bookkeeping Act § 13 (5 years)", mail.LegalBasis);
        Assert.Equal(1, mail.RecordCount);
        Assert.Equal(1, sandbox.Tenant.MessageCount(kari.Id!));
    }

    [Theory]
    [InlineData(MailboxScope.Group)]
    [InlineData(MailboxScope.List)]
    public async Task SearchesOnlyTheMailboxesInTheConfiguredScope(MailboxScope scope)
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        var ola = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(kari.Id!, Subject, ["kari@contoso.example"], Start, "in scope");
        sandbox.AddMessage(ola.Id!, Subject, ["ola@contoso.example"], Start, "out of scope");
        var group = sandbox.Tenant.AddGroup(new() { ["displayName"] = "Sales", ["mailNickname"] = "sales" });
        sandbox.Tenant.AddGroupMember((string)group["id"]!, kari.Id!);
        var connector = sandbox.Connector(sandbox.Options(o =>
        {
            o.MailboxScope = scope;
            o.MailboxGroupId = (string)group["id"]!;
            o.Mailboxes = ["kari@contoso.example"];
        }));

        var records = await connector.ExportAsync(new SubjectIdentity(Subject), Ct).ToListAsync(Ct);

        Assert.Equal("in scope", (string?)Assert.Single(records).Fields["subject"]);
    }

    [Fact]
    public async Task ReportsNothingForAnUnknownPerson()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.AddMessage(kari.Id!, "a@b.example", ["kari@contoso.example"], Start);
        var connector = sandbox.Connector(sandbox.Options());

        var result = await connector.DiscoverAsync(new SubjectIdentity("nobody@nowhere.example"), Ct);
        var objection = await connector.ObjectAsync(new SubjectIdentity("nobody@nowhere.example"), Ct);

        Assert.False(result.Found);
        Assert.Equal(OutcomeKind.NotFound, Assert.Single(objection.Categories).Kind);
    }
}
