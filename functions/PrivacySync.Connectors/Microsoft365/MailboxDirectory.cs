using System.Runtime.CompilerServices;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>A mailbox to search: the user's object id (or address) and primary address.</summary>
internal sealed record MailboxRef(string Id, string Address);

/// <summary>The mailboxes in the configured scope (all users with a mailbox, a group's members, or a list).</summary>
internal sealed class MailboxDirectory(GraphServiceClient client, Microsoft365Options options)
{
    private static readonly string[] Select = ["id", "mail"];

    public async IAsyncEnumerable<MailboxRef> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (options.MailboxScope)
        {
            case MailboxScope.List:
                foreach (var address in options.Mailboxes.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    yield return new MailboxRef(address, address);
                }

                break;
            case MailboxScope.Group:
                var members = GraphPaging.All(
                    ct => client.Groups[options.MailboxGroupId].Members.GetAsync(r =>
                    {
                        r.QueryParameters.Select = Select;
                        r.QueryParameters.Top = 999;
                    }, ct),
                    (link, ct) => client.Groups[options.MailboxGroupId].Members.WithUrl(link).GetAsync(cancellationToken: ct),
                    p => p.Value, p => p.OdataNextLink, "list the members of the mailbox group", cancellationToken);
                await foreach (var member in members.ConfigureAwait(false))
                {
                    if (member is User { Mail: { Length: > 0 } mail } user)
                    {
                        yield return new MailboxRef(user.Id!, mail);
                    }
                }

                break;
            default:
                // "mail ne null" is an advanced query: ConsistencyLevel: eventual and $count=true are required.
                var users = GraphPaging.All(
                    ct => client.Users.GetAsync(r =>
                    {
                        r.QueryParameters.Filter = "mail ne null";
                        r.QueryParameters.Count = true;
                        r.QueryParameters.Select = Select;
                        r.QueryParameters.Top = 999;
                        r.Headers.Add("ConsistencyLevel", "eventual");
                    }, ct),
                    (link, ct) => client.Users.WithUrl(link).GetAsync(r => r.Headers.Add("ConsistencyLevel", "eventual"), ct),
                    p => p.Value, p => p.OdataNextLink, "list the tenant's mailboxes", cancellationToken);
                await foreach (var user in users.ConfigureAwait(false))
                {
                    if (!string.IsNullOrEmpty(user.Mail))
                    {
                        yield return new MailboxRef(user.Id!, user.Mail);
                    }
                }

                break;
        }
    }
}
