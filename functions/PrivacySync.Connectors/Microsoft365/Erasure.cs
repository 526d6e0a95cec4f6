using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Erasure per configured rule. What only an administrator can do (a privileged account, a hold, a mailbox outside
/// the app's scope, more matches than search can list) comes back as "manual action required" with the exact steps,
/// never as a silent success.
/// </summary>
internal sealed partial class Erasure(
    GraphServiceClient client,
    Microsoft365Options options,
    TimeProvider time,
    ILogger logger,
    EdiscoverySession ediscovery,
    MailboxDirectory mailboxes,
    Func<SubjectIdentity, string[], SearchReport, CancellationToken, IAsyncEnumerable<(MailboxRef Mailbox, Message Message)>> messages,
    Func<SubjectIdentity, CancellationToken, IAsyncEnumerable<(MailboxRef Mailbox, Contact Contact)>> contacts)
{
    private static readonly string[] IdAndSender = ["id", "from"];

    public async Task<SystemOutcome> InternalAsync(User user, ErasureRule rule, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var present = counts.Where(c => c.Value > 0).ToList();
        if (rule.Action == ErasureAction.Retain)
        {
            return new SystemOutcome(present.Select(c => Retained(c.Key, c.Value, rule)).ToList());
        }

        var id = user.Id!;
        try
        {
            await GraphFailures.Call(() => client.Users[id].DeleteAsync(cancellationToken: cancellationToken), "delete the subject's account").ConfigureAwait(false);
        }
        catch (PermanentConnectorException e) when (GraphFailures.Status(e.InnerException!) == 403)
        {
            var instructions =
                $"The account (Entra object id {id}) holds a privileged directory role, so the app's User.ReadWrite.All permission may not delete it. " +
                "A Privileged Role Administrator must delete it: Microsoft Entra admin center > Identity > Users > All users > open the user with " +
                $"object id {id} > Delete (or remove its directory role assignments and re-run the erasure). Mailbox and OneDrive are removed with the account.";
            return new SystemOutcome(present.Select(c => CategoryOutcome.ManualAction(c.Key, instructions)).ToList());
        }
        catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
        {
            // Deleted by an earlier attempt: the outcome is the same.
        }

        LogAccountDeleted(logger, id);
        var now = time.GetUtcNow();
        return new SystemOutcome(
            present.Select(c => new CategoryOutcome(c.Key, OutcomeKind.Erased, c.Value)).ToList(),
            $"Entra ID account {id} deleted {now:yyyy-MM-dd}; Microsoft 365 keeps it restorable until {now.AddDays(30):yyyy-MM-dd} and then " +
            "removes it, its mailbox and its OneDrive permanently (sooner through PermanentlyDeleteUserAsync).");
    }

    public async Task<SystemOutcome> ExternalAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var mail = options.Mode == Microsoft365Mode.Ediscovery
            ? await EdiscoveryMessagesAsync(subject, cancellationToken).ConfigureAwait(false)
            : await MailboxMessagesAsync(subject, cancellationToken).ConfigureAwait(false);
        var contactOutcome = await ContactsAsync(subject, cancellationToken).ConfigureAwait(false);
        var note = options.Mode == Microsoft365Mode.Mailbox && mail.Kind == OutcomeKind.Erased
            ? "Messages were permanently deleted from the mailboxes; where a mailbox is on hold, Exchange keeps them in Recoverable Items until the hold ends."
            : null;
        return new SystemOutcome([mail, contactOutcome], note) { Caveats = note is null ? [] : [Caveat.MailboxHold] };
    }

    private async Task<CategoryOutcome> MailboxMessagesAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var report = new SearchReport();
        var rule = options.ExternalMessages;
        long total = 0;
        var refused = new ConcurrentBag<string>();
        MailboxRef? current = null;
        var batch = new List<string>();
        await foreach (var (mailbox, message) in messages(subject, IdAndSender, report, cancellationToken).ConfigureAwait(false))
        {
            if (rule.Action == ErasureAction.Retain)
            {
                total++;
                continue;
            }

            // A mailbox is listed completely before its messages are deleted, so deletions never shift the pages being read.
            if (current is not null && current != mailbox)
            {
                total += await DeleteAsync(current, batch, refused, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            current = mailbox;
            batch.Add(message.Id!);
        }

        if (current is not null)
        {
            total += await DeleteAsync(current, batch, refused, cancellationToken).ConfigureAwait(false);
        }

        if (rule.Action == ErasureAction.Retain)
        {
            return total == 0 ? CategoryOutcome.NotFound(Microsoft365Categories.Mail) : Retained(Microsoft365Categories.Mail, total, rule);
        }

        if (report.CappedWindows > 0)
        {
            return CategoryOutcome.ManualAction(Microsoft365Categories.Mail,
                $"{total} messages were deleted, but in {report.CappedWindows} mailbox-day(s) more than {options.SearchResultCap} messages matched, " +
                "which Graph search cannot list in full. Switch the connector to eDiscovery mode, or have an eDiscovery Manager run a Microsoft Purview " +
                "search for participants:<the subject's address> and purge it, then re-run the erasure.");
        }

        if (!refused.IsEmpty)
        {
            return CategoryOutcome.ManualAction(Microsoft365Categories.Mail,
                $"{total} messages were deleted; {refused.Distinct().Count()} mailbox(es) refused access to the app (an Exchange application access policy " +
                $"or RBAC for Applications scope excludes them): {string.Join(", ", refused.Distinct())}. An Exchange administrator must add these mailboxes " +
                "to the app's scope (or delete the subject's messages there), then re-run the erasure.");
        }

        return total == 0 ? CategoryOutcome.NotFound(Microsoft365Categories.Mail) : new CategoryOutcome(Microsoft365Categories.Mail, OutcomeKind.Erased, total);
    }

    private async Task<long> DeleteAsync(MailboxRef mailbox, List<string> ids, ConcurrentBag<string> refused, CancellationToken cancellationToken)
    {
        long deleted = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MailboxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ids, parallel, async (id, ct) =>
        {
            try
            {
                await GraphFailures.Call(() => client.Users[mailbox.Id].Messages[id].PermanentDelete.PostAsync(cancellationToken: ct), "delete a message")
                    .ConfigureAwait(false);
            }
            catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
            {
                // Already gone (an earlier attempt, or the user deleted it): counted, since it no longer exists.
            }
            catch (PermanentConnectorException e) when (GraphFailures.Status(e.InnerException!) == 403)
            {
                refused.Add(mailbox.Id);
                return;
            }

            Interlocked.Increment(ref deleted);
        }).ConfigureAwait(false);
        LogMailboxErased(logger, deleted);
        return deleted;
    }

    private async Task<CategoryOutcome> EdiscoveryMessagesAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var search = await ediscovery.PrepareAsync(subject, mailboxes.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var initial = await ediscovery.EstimateAsync(search, cancellationToken).ConfigureAwait(false);
        var rule = options.ExternalMessages;
        if (initial == 0)
        {
            return CategoryOutcome.NotFound(Microsoft365Categories.Mail);
        }

        if (rule.Action == ErasureAction.Retain)
        {
            return Retained(Microsoft365Categories.Mail, initial, rule);
        }

        var remaining = initial;
        for (var pass = 1; pass <= options.MaxPurgePasses && remaining > 0; pass++)
        {
            // purgeData removes at most 100 items per mailbox per call: purge, re-estimate, repeat.
            await ediscovery.PurgeAsync(search, cancellationToken).ConfigureAwait(false);
            var after = await ediscovery.EstimateAsync(search, cancellationToken).ConfigureAwait(false);
            LogPurgePass(logger, pass, after);
            if (after >= remaining)
            {
                return CategoryOutcome.ManualAction(Microsoft365Categories.Mail,
                    $"{initial - after} of {initial} matching items were purged; {after} still match because the mailboxes are on hold (litigation hold, " +
                    "eDiscovery hold or retention policy), which keeps purged items in Recoverable Items. An eDiscovery Administrator must open Microsoft " +
                    $"Purview > eDiscovery > case '{search.CaseName}' (id {search.CaseId}) > search '{search.SearchName}', review the holds on the locations " +
                    "with hits, release or exclude them where no legal hold requires the data, delete the items from Recoverable Items (procedure: delete " +
                    "items in the Recoverable Items folder of cloud mailboxes on hold), then re-run the erasure. If a hold must stay, record it as the " +
                    "legal basis for retention.");
            }

            remaining = after;
        }

        return remaining == 0
            ? new CategoryOutcome(Microsoft365Categories.Mail, OutcomeKind.Erased, initial)
            : CategoryOutcome.ManualAction(Microsoft365Categories.Mail,
                $"{initial - remaining} of {initial} items were purged in {options.MaxPurgePasses} passes; re-run the erasure to continue, or raise MaxPurgePasses.");
    }

    private async Task<CategoryOutcome> ContactsAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var rule = options.ExternalContacts;
        var found = new List<(string Mailbox, string Id)>();
        await foreach (var (mailbox, contact) in contacts(subject, cancellationToken).ConfigureAwait(false))
        {
            found.Add((mailbox.Id, contact.Id!));
        }

        if (found.Count == 0)
        {
            return CategoryOutcome.NotFound(Microsoft365Categories.Contacts);
        }

        if (rule.Action == ErasureAction.Retain)
        {
            return Retained(Microsoft365Categories.Contacts, found.Count, rule);
        }

        foreach (var (mailbox, id) in found)
        {
            try
            {
                await GraphFailures.Call(() => client.Users[mailbox].Contacts[id].DeleteAsync(cancellationToken: cancellationToken), "delete a contact")
                    .ConfigureAwait(false);
            }
            catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
            {
                // Already deleted.
            }
        }

        return new CategoryOutcome(Microsoft365Categories.Contacts, OutcomeKind.Erased, found.Count);
    }

    private CategoryOutcome Retained(string category, long count, ErasureRule rule) =>
        CategoryOutcome.Retained(
            category, count, rule.LegalBasis ?? "retention required by law",
            rule.RetainYears is { } years ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(years) : null);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Deleted Entra ID account {UserObjectId} (soft delete)")]
    private static partial void LogAccountDeleted(ILogger logger, string userObjectId);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "Permanently deleted {Count} messages in one mailbox")]
    private static partial void LogMailboxErased(ILogger logger, long count);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "eDiscovery purge pass {Pass}: {Remaining} items still match")]
    private static partial void LogPurgePass(ILogger logger, int pass, long remaining);
}
