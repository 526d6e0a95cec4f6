using Microsoft.Graph;
using Microsoft.Graph.Models;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Finds the subject's own account: by a known object id and by mail, UPN or proxy address, each candidate re-checked
/// for an exact match. Two accounts, or an account only the object id reaches, are an identity conflict.
/// </summary>
internal sealed class SubjectLocator(GraphServiceClient client)
{
    public const string SystemIdKey = "microsoft365";

    private const string Kind = "accounts";

    private static readonly string[] Select = [.. RecordFields.ProfileSelect, "proxyAddresses"];

    /// <summary>The accepted account, or null when the subject has none (an external person); a conflict throws.</summary>
    public async Task<User?> FindAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var (identity, users) = await ResolveAsync(subject, cancellationToken).ConfigureAwait(false);
        var accepted = IdentityConflictException.ThrowIfConflict(identity);
        return accepted.Count == 0 ? null : users.First(u => RecordOf(u) == accepted[0].Record);
    }

    public async Task<(IdentityResolution Identity, IReadOnlyList<User> Users)> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        string? knownId = null;
        if (subject.SystemIds?.TryGetValue(SystemIdKey, out var id) == true)
        {
            try
            {
                var user = await GraphFailures.Call(
                    () => client.Users[id].GetAsync(r => r.QueryParameters.Select = Select, cancellationToken),
                    "read the subject's account").ConfigureAwait(false);
                if (user?.Id is { } found)
                {
                    users[found] = user;
                    knownId = found;
                }
            }
            catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
            {
                // The id is stale (account deleted or recreated): the addresses decide.
            }
        }

        var clauses = subject.AllEmails.Select(GraphQueryValues.ODataLiteral).SelectMany(e => new[]
        {
            $"mail eq '{e}'", $"userPrincipalName eq '{e}'", $"proxyAddresses/any(p:p eq 'smtp:{e}')",
        });
        var page = await GraphFailures.Call(
            () => client.Users.GetAsync(r =>
            {
                r.QueryParameters.Filter = string.Join(" or ", clauses);
                r.QueryParameters.Select = Select;
                r.QueryParameters.Top = 10;
            }, cancellationToken),
            "look up the subject's account").ConfigureAwait(false);
        foreach (var user in page?.Value ?? [])
        {
            if (user.Id is { } found) users.TryAdd(found, user);
        }

        var matches = users.Values
            .Select(u => new RecordMatch(RecordOf(u), Kind, MatchedBy(u, subject, knownId)))
            .Where(m => m.MatchedBy.Count > 0);
        return (IdentityResolution.Resolve(matches, subject), users.Values.ToList());
    }

    private static string RecordOf(User user) => $"user/{user.Id}";

    /// <summary>Which identifiers equal this account's addresses (ignoring case) or its object id.</summary>
    private static List<string> MatchedBy(User user, SubjectIdentity subject, string? knownId)
    {
        var addresses = new[] { user.Mail, user.UserPrincipalName }
            .Concat((user.ProxyAddresses ?? []).Where(p => p?.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) == true).Select(p => p![5..]))
            .OfType<string>()
            .Select(a => a.Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matched = subject.AllEmails.Where(e => addresses.Contains(e.Trim())).Select(subject.EmailIdentifier).ToList();
        if (knownId is not null && string.Equals(user.Id, knownId, StringComparison.Ordinal))
        {
            matched.Add(SubjectIdentifiers.SystemId);
        }

        return matched.Distinct(StringComparer.Ordinal).ToList();
    }
}
