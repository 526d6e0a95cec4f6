using Microsoft.Graph;
using Microsoft.Graph.Models;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Finds the subject's own account: by a known object id, else by mail, UPN or proxy address.</summary>
internal sealed class SubjectLocator(GraphServiceClient client)
{
    public const string SystemIdKey = "microsoft365";

    public async Task<User?> FindAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        if (subject.SystemIds?.TryGetValue(SystemIdKey, out var id) == true)
        {
            try
            {
                return await GraphFailures.Call(
                    () => client.Users[id].GetAsync(r => r.QueryParameters.Select = RecordFields.ProfileSelect, cancellationToken),
                    "read the subject's account").ConfigureAwait(false);
            }
            catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
            {
                // The id is stale (account deleted or recreated): fall back to the addresses.
            }
        }

        var clauses = subject.AllEmails.Select(Literal).SelectMany(e => new[]
        {
            $"mail eq '{e}'", $"userPrincipalName eq '{e}'", $"proxyAddresses/any(p:p eq 'smtp:{e}')",
        });
        var page = await GraphFailures.Call(
            () => client.Users.GetAsync(r =>
            {
                r.QueryParameters.Filter = string.Join(" or ", clauses);
                r.QueryParameters.Select = RecordFields.ProfileSelect;
                r.QueryParameters.Top = 2;
            }, cancellationToken),
            "look up the subject's account").ConfigureAwait(false);
        return page?.Value?.FirstOrDefault();
    }

    /// <summary>An OData string literal body: single quotes doubled.</summary>
    public static string Literal(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
