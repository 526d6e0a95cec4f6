using Microsoft.Graph.Models;
using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365InternalPersonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportsProfileMailCalendarContactsOneDriveAndGroupsOfAnEmployee()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("kari.nordmann@contoso.example", name: "Kari Nordmann");
        var other = await sandbox.CreateUserAsync("ola@contoso.example");
        await sandbox.Seed.Users[user.Id].Messages.PostAsync(new Message
        {
            Subject = "Timesheet",
            From = new Recipient { EmailAddress = new EmailAddress { Address = "kari.nordmann@contoso.example" } },
            ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = "ola@contoso.example" } }],
            Body = new ItemBody { ContentType = BodyType.Text, Content = "Hours for May" },
        }, cancellationToken: Ct);
        await sandbox.Seed.Users[user.Id].Events.PostAsync(new Event
        {
            Subject = "Appraisal",
            Start = new DateTimeTimeZone { DateTime = "2026-05-04T10:00:00", TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = "2026-05-04T11:00:00", TimeZone = "UTC" },
        }, cancellationToken: Ct);
        await sandbox.Seed.Users[user.Id].Contacts.PostAsync(new Contact
        {
            DisplayName = "Per Hansen",
            EmailAddresses = [new EmailAddress { Address = "per@customer.example" }],
        }, cancellationToken: Ct);
        var drive = await sandbox.Seed.Users[user.Id].Drive.GetAsync(cancellationToken: Ct);
        await sandbox.Seed.Drives[drive!.Id].Items["root:/cv.txt:"].Content.PutAsync(new MemoryStream("my cv"u8.ToArray()), cancellationToken: Ct);
        var folder = sandbox.Tenant.AddDriveFolder(user.Id!, "Private");
        sandbox.Tenant.PutDriveFile(user.Id!, "big.bin", new byte[3000], (string)folder["id"]!);
        var group = sandbox.Tenant.AddGroup(new() { ["displayName"] = "Oslo office", ["mailNickname"] = "oslo" });
        await sandbox.Seed.Groups[(string)group["id"]!].Members.Ref.PostAsync(
            new ReferenceCreate { OdataId = $"https://graph.microsoft.com/v1.0/directoryObjects/{user.Id}" }, cancellationToken: Ct);
        var connector = sandbox.Connector(sandbox.Options(o => o.OneDriveContentCapBytes = 1000));

        var records = await connector.ExportAsync(new SubjectIdentity("kari.nordmann@contoso.example"), Ct).ToListAsync(Ct);

        Assert.Equal(
            ["profile", "mail", "calendar", "contacts", "onedrive", "onedrive", "group-memberships"],
            records.Select(r => r.Category));
        Assert.Equal("Kari Nordmann", (string?)records[0].Fields["displayName"]);
        Assert.Equal("Hours for May", (string?)records[1].Fields["body"]);
        Assert.Equal("ola@contoso.example", (string?)records[1].Fields["to"]);
        Assert.Equal("Appraisal", (string?)records[2].Fields["subject"]);
        Assert.Equal("per@customer.example", (string?)records[3].Fields["emailAddresses"]);
        var cv = records.Single(r => (string?)r.Fields["name"] == "cv.txt");
        Assert.Equal("my cv", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)cv.Fields["contentBase64"]!)));
        var big = records.Single(r => (string?)r.Fields["name"] == "big.bin");
        Assert.Null(big.Fields["contentBase64"]);
        Assert.Equal("/Private/big.bin", (string?)big.Fields["path"]);
        Assert.Contains("1000 byte limit", (string?)big.Fields["content"]);
        Assert.Equal("Oslo office", (string?)records[6].Fields["displayName"]);
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.LegalBasis)));
        Assert.DoesNotContain(records, r => r.Fields.ToString().Contains(other.Id!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscoversTheCategoriesAndCountsOfAnEmployee()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 3; i++)
        {
            sandbox.AddMessage(user.Id!, "someone@customer.example", ["kari@contoso.example"], DateTimeOffset.UtcNow.AddDays(-i));
        }

        var connector = sandbox.Connector(sandbox.Options());

        var result = await connector.DiscoverAsync(new SubjectIdentity("KARI@contoso.example"), Ct);

        Assert.True(result.Found);
        Assert.Equal("internal account (current employee)", result.Note);
        Assert.Equal(3, result.Categories.Single(c => c.Name == "mail").RecordCount);
        Assert.Equal(1, result.Categories.Single(c => c.Name == "profile").RecordCount);
        Assert.DoesNotContain(result.Categories, c => c.Name == "calendar");
    }

    [Fact]
    public async Task RetainsACurrentEmployeesDataUnderTheEmploymentContract()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        sandbox.AddMessage(user.Id!, "x@customer.example", ["kari@contoso.example"], DateTimeOffset.UtcNow);
        var connector = sandbox.Connector(sandbox.Options(o => o.CurrentEmployee = ErasureRule.Retain("Employment contract, GDPR Art. 6(1)(b)", 5)));

        var outcome = await connector.EraseAsync(new SubjectIdentity("kari@contoso.example"), Ct);

        Assert.All(outcome.Categories, c =>
        {
            Assert.Equal(OutcomeKind.Retained, c.Kind);
            Assert.Equal("Employment contract, GDPR Art. 6(1)(b)", c.LegalBasis);
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5), c.RetainedUntil);
        });
        Assert.Equal(["profile", "mail"], outcome.Categories.Select(c => c.Category));
        Assert.True(sandbox.Tenant.UserExists(user.Id!));
        Assert.Equal(1, sandbox.Tenant.MessageCount(user.Id!));
    }

    [Fact]
    public async Task DeletesAFormerEmployeesAccountAndPurgesItFromDeletedItemsOnRequest()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("left@contoso.example", enabled: false);
        sandbox.AddMessage(user.Id!, "x@customer.example", ["left@contoso.example"], DateTimeOffset.UtcNow);
        var connector = sandbox.Connector(sandbox.Options());

        var outcome = await connector.EraseAsync(new SubjectIdentity("left@contoso.example"), Ct);

        Assert.Equal([OutcomeKind.Erased, OutcomeKind.Erased], outcome.Categories.Select(c => c.Kind));
        Assert.Contains(user.Id!, outcome.Note);
        Assert.False(sandbox.Tenant.UserExists(user.Id!));
        Assert.True(sandbox.Tenant.DeletedUserExists(user.Id!));

        Assert.True(await connector.PermanentlyDeleteUserAsync(user.Id!, Ct));
        Assert.False(sandbox.Tenant.DeletedUserExists(user.Id!));
        Assert.False(await connector.PermanentlyDeleteUserAsync(user.Id!, Ct));
        Assert.False((await connector.DiscoverAsync(new SubjectIdentity("left@contoso.example"), Ct)).Found);
    }

    [Fact]
    public async Task AsksForManualDeletionWhenTheAccountHoldsAPrivilegedRole()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("admin.left@contoso.example", enabled: false);
        sandbox.Tenant.SetPrivilegedRole(user.Id!, true);
        var connector = sandbox.Connector(sandbox.Options());

        var outcome = await connector.EraseAsync(new SubjectIdentity("admin.left@contoso.example"), Ct);

        Assert.True(outcome.NeedsManualAction);
        var profile = Assert.Single(outcome.Categories);
        Assert.Contains("Privileged Role Administrator", profile.Instructions);
        Assert.Contains(user.Id!, profile.Instructions);
        Assert.True(sandbox.Tenant.UserExists(user.Id!));
    }

    [Fact]
    public async Task PagesThroughMoreThanTwoThousandMessages()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("busy@contoso.example");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 2_500; i++)
        {
            sandbox.AddMessage(user.Id!, $"c{i % 40}@customer.example", ["busy@contoso.example"], start.AddHours(i), $"Order {i}");
        }

        var connector = sandbox.Connector(sandbox.Options(o => o.PageSize = 100));

        var mail = (await connector.ExportAsync(new SubjectIdentity("busy@contoso.example"), Ct).ToListAsync(Ct))
            .Where(r => r.Category == "mail").ToList();

        Assert.Equal(2_500, mail.Count);
        Assert.Equal(2_500, mail.Select(r => (string?)r.Fields["messageId"]).Distinct().Count());
        Assert.Equal("Order 2499", (string?)mail[0].Fields["subject"]);
    }
}
