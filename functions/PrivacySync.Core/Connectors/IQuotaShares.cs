namespace PrivacySync.Core.Connectors;

/// <summary>
/// Who draws on one external account's rate limit right now, across every app instance (processes, machines): each
/// instance that is calling the account renews a short lease and paces itself at the quota divided by the number of
/// live leases. Kept in storage, so it works the same with one instance locally and many in Azure.
/// </summary>
public interface IQuotaShares
{
    /// <summary>
    /// Records that <paramref name="instanceId"/> calls <paramref name="account"/> until <paramref name="until"/> and
    /// returns how many instances (this one included) hold a live lease on the account.
    /// </summary>
    Task<int> RenewAsync(string account, string instanceId, DateTimeOffset until, CancellationToken cancellationToken);
}
