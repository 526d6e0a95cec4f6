using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>
/// An erasure attempt after a crash between the account's deletion and the outcome write, as the task runner makes it:
/// the classification recorded at task start is kept, so the soft-deleted account does not turn the subject into an
/// external person whose messages in other mailboxes are then deleted, and the rerun reports "erased", not "not found".
/// </summary>
public sealed class Microsoft365ErasureRerunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARerunAfterTheAccountWasDeletedKeepsTheInternalClassificationAndReportsTheFirstOutcome()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("left@contoso.example", enabled: false);
        var colleague = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(user.Id!, "x@customer.example", ["left@contoso.example"], DateTimeOffset.UtcNow);
        // A message the subject sent to a colleague: an external-person erasure would delete it from her mailbox.
        sandbox.AddMessage(colleague.Id!, "left@contoso.example", ["ola@contoso.example"], DateTimeOffset.UtcNow, "Handover");
        var connector = sandbox.Connector(sandbox.Options());
        var subject = new SubjectIdentity("left@contoso.example");
        const string key = "dsr-1/m365";

        var classification = await connector.ClassifyAsync(subject, Ct);
        var intent = ErasureIntent.From(await connector.DiscoverAsync(subject, Ct), attempt: 1, DateTimeOffset.UtcNow, classification);
        var first = await connector.EraseAsync(subject, classification, key, Ct);
        // The worker dies here: the outcome is never written. The next attempt acts on the recorded intent.
        var rerun = intent.Reconcile(await connector.EraseAsync(subject, intent.Classification!, key, Ct), attempt: 2);

        Assert.Equal(Microsoft365Connector.InternalPrefix + user.Id, classification);
        Assert.False(sandbox.Tenant.UserExists(user.Id!));
        Assert.Equal(first.Categories.Select(c => (c.Category, c.Kind, c.RecordCount)), rerun.Categories.Select(c => (c.Category, c.Kind, c.RecordCount)));
        Assert.All(rerun.Categories, c => Assert.Equal(OutcomeKind.Erased, c.Kind));
        var colleagueMail = await sandbox.Seed.Users[colleague.Id].Messages.GetAsync(cancellationToken: Ct);
        Assert.Single(colleagueMail!.Value!, m => m.Subject == "Handover");
    }

    [Fact]
    public async Task AnExternalPersonStaysExternal()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var colleague = await sandbox.CreateUserAsync("ola@contoso.example");
        sandbox.AddMessage(colleague.Id!, "guest@customer.example", ["ola@contoso.example"], DateTimeOffset.UtcNow);
        var connector = sandbox.Connector(sandbox.Options());
        var subject = new SubjectIdentity("guest@customer.example");

        var classification = await connector.ClassifyAsync(subject, Ct);
        var outcome = await connector.EraseAsync(subject, classification, "dsr-2/m365", Ct);

        Assert.Equal(Microsoft365Connector.ExternalPerson, classification);
        Assert.Contains(outcome.Categories, c => c.Category == Microsoft365Categories.Mail && c.Kind == OutcomeKind.Erased);
    }
}
