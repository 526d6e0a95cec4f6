using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;
using PrivacySync.Tests.Core.Requests;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>
/// Identifiers handed straight to the connector (past intake) cannot widen a Graph query: the address enters $search as
/// one KQL phrase and $filter as an OData literal, a value that cannot be quoted is refused, and every message or
/// contact is re-checked for an exact address before it is exported or deleted.
/// </summary>
public sealed class Microsoft365QueryInjectionTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Corpus() => new(HostileIdentifiers.ForConnectors);

    private static async Task<(GraphSandbox Sandbox, string Mailbox)> TenantWithOthersMailAsync()
    {
        var sandbox = await GraphSandbox.StartAsync();
        var kari = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 20; i++)
        {
            sandbox.AddMessage(kari.Id!, "kari@contoso.example", [$"customer{i}@customer.example"], Start.AddDays(i), $"to customer {i}");
            sandbox.AddMessage(kari.Id!, $"customer{i}@customer.example", ["kari@contoso.example"], Start.AddDays(i).AddHours(1), $"from customer {i}");
        }

        sandbox.Tenant.AddContact(kari.Id!, new() { ["displayName"] = "Someone", ["emailAddresses"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["address"] = "customer1@customer.example" }) });
        return (sandbox, kari.Id!);
    }

    // The reported bug: an access request for this address exported everyone's mail through a live OR in $search.
    [Fact]
    public async Task AnAddressSpellingKqlOperatorsIsSearchedAsOnePhraseAndExportsNothing()
    {
        var (sandbox, _) = await TenantWithOthersMailAsync();
        await using var _s = sandbox;
        var connector = sandbox.Connector(sandbox.Options());

        var records = await connector.ExportAsync(new SubjectIdentity("x OR received>=2000-01-01 OR y@example.com"), Ct).ToListAsync(Ct);

        Assert.Empty(records);
    }

    [Fact]
    public async Task TheSimulatorTreatsAQuotedPhraseAsWordsAndUnquotedOperatorsAsSyntax()
    {
        var (sandbox, mailbox) = await TenantWithOthersMailAsync();
        await using var _s = sandbox;

        async Task<int> CountAsync(string search) => (await sandbox.Seed.Users[mailbox].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = search;
            r.QueryParameters.Top = 100;
        }, Ct))!.Value!.Count;

        Assert.Equal(40, await CountAsync("\"recipients:x OR received>=2000-01-01 OR y@example.com\""));
        Assert.Equal(0, await CountAsync("\"recipients:\\\"x OR received>=2000-01-01 OR y@example.com\\\"\""));
        Assert.Equal(1, await CountAsync("\"recipients:\\\"customer3@customer.example\\\"\""));
    }

    [Fact]
    public async Task AQuotedLocalPartIsRefusedBeforeAnyMailboxIsSearchedOrChanged()
    {
        var (sandbox, mailbox) = await TenantWithOthersMailAsync();
        await using var _s = sandbox;
        var connector = sandbox.Connector(sandbox.Options());

        var export = await Assert.ThrowsAsync<PermanentConnectorException>(async () =>
            await connector.ExportAsync(new SubjectIdentity(HostileIdentifiers.QuotedOperators), Ct).ToListAsync(Ct));
        var erase = await Assert.ThrowsAsync<PermanentConnectorException>(() => connector.EraseAsync(new SubjectIdentity(HostileIdentifiers.QuotedOperators), Ct));

        Assert.Contains("cannot be searched for safely", export.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be searched for safely", erase.Message, StringComparison.Ordinal);
        Assert.Equal(40, sandbox.Tenant.MessageCount(mailbox));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AHostileIdentifierExportsAndErasesNoOneElse(string hostile)
    {
        var (sandbox, mailbox) = await TenantWithOthersMailAsync();
        await using var _s = sandbox;
        var connector = sandbox.Connector(sandbox.Options()); // external mail and contacts are deleted on erasure by default
        var subject = new SubjectIdentity(hostile, AdditionalEmails: [hostile + ".example"]);

        var records = await ExportOrRefusedAsync(connector, subject);
        try
        {
            var outcome = await connector.EraseAsync(subject, Ct);
            Assert.All(outcome.Categories, c => Assert.Equal(0, c.Kind is OutcomeKind.Erased ? c.RecordCount : 0));
        }
        catch (PermanentConnectorException e)
        {
            Assert.Contains("cannot be searched for safely", e.Message, StringComparison.Ordinal);
        }

        Assert.Empty(records);
        Assert.Equal(40, sandbox.Tenant.MessageCount(mailbox));
        Assert.True(sandbox.Tenant.UserExists(mailbox));
    }

    [Fact]
    public async Task TwoAccountsReachedByDifferentAddressesAreAnIdentityConflictAndNeitherIsTouched()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var first = await sandbox.CreateUserAsync("anne.first@contoso.example");
        var second = await sandbox.CreateUserAsync("anne.second@contoso.example");
        var connector = sandbox.Connector(sandbox.Options());
        var subject = new SubjectIdentity("anne.first@contoso.example", AdditionalEmails: ["anne.second@contoso.example"]);

        var resolution = await connector.ResolveAsync(subject, Ct);
        await Assert.ThrowsAsync<IdentityConflictException>(() => connector.EraseAsync(subject, Ct));

        Assert.True(resolution.IsConflict);
        Assert.Equal(new[] { $"user/{first.Id}", $"user/{second.Id}" }.Order(StringComparer.Ordinal), resolution.Matches.Select(m => m.Record).Order(StringComparer.Ordinal));
        Assert.True(sandbox.Tenant.UserExists(first.Id!));
        Assert.True(sandbox.Tenant.UserExists(second.Id!));

        var confirmed = await connector.ResolveAsync(subject with { ConfirmedRecords = [$"user/{first.Id}"] }, Ct);
        Assert.False(confirmed.IsConflict);
        Assert.Equal($"user/{first.Id}", Assert.Single(confirmed.Matches).Record);
    }

    [Fact]
    public async Task AnAccountOnlyTheObjectIdReachesIsAConflict()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var someoneElse = await sandbox.CreateUserAsync("lars@contoso.example");
        var connector = sandbox.Connector(sandbox.Options());
        var subject = new SubjectIdentity("not.here@customer.example", SystemIds: new Dictionary<string, string> { [SubjectLocator.SystemIdKey] = someoneElse.Id! });

        var resolution = await connector.ResolveAsync(subject, Ct);

        Assert.True(resolution.IsConflict);
        Assert.Equal([SubjectIdentifiers.SystemId], Assert.Single(resolution.Matches).MatchedBy);
        await Assert.ThrowsAsync<IdentityConflictException>(() => connector.EraseAsync(subject, Ct));
        Assert.True(sandbox.Tenant.UserExists(someoneElse.Id!));
    }

    private static async Task<List<ExportRecord>> ExportOrRefusedAsync(Microsoft365Connector connector, SubjectIdentity subject)
    {
        try
        {
            return await connector.ExportAsync(subject, Ct).ToListAsync(Ct);
        }
        catch (PermanentConnectorException e)
        {
            Assert.Contains("cannot be searched for safely", e.Message, StringComparison.Ordinal);
            return [];
        }
    }
}
