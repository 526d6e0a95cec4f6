using System.Net;
using PrivacySync.Core.Connectors;
using PrivacySync.Tests.Core.Requests;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>
/// HubSpot identity resolution: the request's addresses reaching two contacts is a conflict that touches neither
/// until an officer confirms one; hostile addresses handed straight to the connector find and change no one.
/// </summary>
public sealed class HubSpotIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoContactsReachedByTheRequestsAddressesAreAConflictAndNeitherIsErased()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var primary = $"ingrid.{Guid.NewGuid():N}@example.com";
        var other = $"ingrid.b.{Guid.NewGuid():N}@example.com";
        var first = await sandbox.CreateAsync("contacts", new { email = primary, firstname = "Ingrid" });
        var second = await sandbox.CreateAsync("contacts", new { email = other, firstname = "Ingrid B." });
        var connector = sandbox.Connector();
        var subject = new SubjectIdentity(primary, AdditionalEmails: [other]);

        var resolution = await connector.ResolveAsync(subject, Ct);
        await Assert.ThrowsAsync<IdentityConflictException>(() => connector.EraseAsync(subject, Ct));
        await Assert.ThrowsAsync<IdentityConflictException>(async () => await connector.ExportAsync(subject, Ct).ToListAsync(Ct));

        Assert.True(resolution.IsConflict);
        Assert.Equal([SubjectIdentifiers.Email], Assert.Single(resolution.Matches, m => m.Record == $"contact/{first}").MatchedBy);
        Assert.Equal([SubjectIdentifiers.AdditionalEmail], Assert.Single(resolution.Matches, m => m.Record == $"contact/{second}").MatchedBy);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{first}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{second}")).Status);

        // The officer confirms the first contact: only that one is erased.
        await connector.EraseAsync(subject with { ConfirmedRecords = [$"contact/{first}"] }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{first}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{second}")).Status);
    }

    public static TheoryData<string> Corpus() => new(HostileIdentifiers.ForConnectors);

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AHostileAddressFindsAndErasesNoOne(string hostile)
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var bystander = await sandbox.CreateAsync("contacts", new { email = "customer1@example.com", hs_additional_emails = "y@example.com", firstname = "Bystander" });
        var connector = sandbox.Connector();
        var subject = new SubjectIdentity(hostile, AdditionalEmails: [hostile + ".example"]);

        var resolution = await connector.ResolveAsync(subject, Ct);
        var export = await connector.ExportAsync(subject, Ct).ToListAsync(Ct);
        await connector.EraseAsync(subject, Ct);

        Assert.Empty(resolution.Matches);
        Assert.Empty(export);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{bystander}")).Status);
    }
}
