using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// An external person's messages in one mailbox. Sent by them: $filter on from/emailAddress/address (no cap).
/// Received by them (to, cc, bcc): $search "recipients:..." — Graph returns at most 1,000 results per search, so the
/// date range is split into windows, halving any window whose result count reaches the cap, before messages are read.
/// </summary>
internal sealed partial class MessageFinder(GraphServiceClient client, Microsoft365Options options, TimeProvider time, ILogger logger)
{
    private static readonly string[] IdOnly = ["id"];
    private static readonly string[] AddressFields = ["from", "toRecipients", "ccRecipients", "bccRecipients"];

    public async IAsyncEnumerable<Message> FindAsync(
        MailboxRef mailbox, IReadOnlyList<string> emails, string[] select, SearchReport report,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subject = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The addresses are always read back: a message is the subject's only if one of them is exactly an address on it.
        select = select.Union(AddressFields, StringComparer.Ordinal).ToArray();

        // Only needed when a message can match two of the subject's addresses.
        var seen = emails.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var email in emails)
        {
            await foreach (var message in SentByAsync(mailbox, email, select, cancellationToken).ConfigureAwait(false))
            {
                if (IsParticipant(message, subject) && seen?.Add(message.Id!) != false)
                {
                    yield return message;
                }
            }
        }

        foreach (var email in emails)
        {
            await foreach (var message in ReceivedByAsync(mailbox, email, select, report, cancellationToken).ConfigureAwait(false))
            {
                // Messages the subject sent were returned by the sender pass already.
                if (message.From?.EmailAddress?.Address is { } from && subject.Contains(from))
                {
                    continue;
                }

                if (IsParticipant(message, subject) && seen?.Add(message.Id!) != false)
                {
                    yield return message;
                }
            }
        }
    }

    /// <summary>True when one of the subject's addresses is exactly the sender or a recipient of the message.</summary>
    internal static bool IsParticipant(Message message, IReadOnlySet<string> addresses) =>
        new[] { message.From }.Concat(message.ToRecipients ?? []).Concat(message.CcRecipients ?? []).Concat(message.BccRecipients ?? [])
            .Any(r => r?.EmailAddress?.Address is { } address && addresses.Contains(address.Trim()));

    private IAsyncEnumerable<Message> SentByAsync(MailboxRef mailbox, string email, string[] select, CancellationToken cancellationToken) =>
        GraphPaging.All(
            ct => client.Users[mailbox.Id].Messages.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"from/emailAddress/address eq '{GraphQueryValues.ODataLiteral(email)}'";
                r.QueryParameters.Select = select;
                r.QueryParameters.Top = options.PageSize;
            }, ct),
            (link, ct) => client.Users[mailbox.Id].Messages.WithUrl(link).GetAsync(cancellationToken: ct),
            p => p.Value, p => p.OdataNextLink, "list messages sent by the subject", cancellationToken);

    private async IAsyncEnumerable<Message> ReceivedByAsync(
        MailboxRef mailbox, string email, string[] select, SearchReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1);
        var pending = new Stack<(DateOnly From, DateOnly To)>();
        pending.Push((options.SearchFrom, end));
        while (pending.Count > 0)
        {
            var window = pending.Pop();
            var hits = await CountUpToCapAsync(mailbox, email, window, cancellationToken).ConfigureAwait(false);
            if (hits == 0)
            {
                continue;
            }

            var days = window.To.DayNumber - window.From.DayNumber;
            if (hits >= options.SearchResultCap && days > 1)
            {
                var middle = window.From.AddDays(days / 2);
                pending.Push((middle, window.To));
                pending.Push((window.From, middle));
                LogWindowSplit(logger, days);
                continue;
            }

            if (hits >= options.SearchResultCap)
            {
                report.AddCappedWindow();
            }

            var messages = GraphPaging.All(
                ct => client.Users[mailbox.Id].Messages.GetAsync(r =>
                {
                    r.QueryParameters.Search = Query(email, window);
                    r.QueryParameters.Select = select;
                    r.QueryParameters.Top = options.PageSize;
                }, ct),
                (link, ct) => client.Users[mailbox.Id].Messages.WithUrl(link).GetAsync(cancellationToken: ct),
                p => p.Value, p => p.OdataNextLink, "search messages received by the subject", cancellationToken);
            await foreach (var message in messages.ConfigureAwait(false))
            {
                yield return message;
            }
        }
    }

    private async Task<int> CountUpToCapAsync(MailboxRef mailbox, string email, (DateOnly From, DateOnly To) window, CancellationToken cancellationToken)
    {
        var page = await GraphFailures.Call(
            () => client.Users[mailbox.Id].Messages.GetAsync(r =>
            {
                r.QueryParameters.Search = Query(email, window);
                r.QueryParameters.Select = IdOnly;
                r.QueryParameters.Top = options.SearchResultCap;
            }, cancellationToken),
            "count messages received by the subject").ConfigureAwait(false);
        return page?.Value?.Count ?? 0;
    }

    /// <summary>The address as a KQL phrase (its operators, if any, stay words), the date range as KQL syntax.</summary>
    private static string Query(string email, (DateOnly From, DateOnly To) window) =>
        GraphQueryValues.SearchParameter($"recipients:{GraphQueryValues.KqlPhrase(email)} AND received>={Day(window.From)} AND received<{Day(window.To)}");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Message search window of {Days} days reached the result cap; splitting it")]
    private static partial void LogWindowSplit(ILogger logger, int days);
}
