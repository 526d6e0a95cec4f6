using Azure;
using Azure.Data.Tables;
using PrivacySync.Core.Notifications;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Post marks in table <c>dsrpostmarks</c>: one row per notification key (hashed: keys hold entity ids), holding
/// <c>claimed</c> with the claim's end, or <c>posted</c>. Every change is conditional: the first claim an insert, a
/// takeover, the mark and the release under the ETag the claimant read.
/// </summary>
public sealed class TablePostMarks(StorageClients clients, TimeProvider time) : IPostMarks
{
    private const string Partition = "post";
    private const string ClaimedState = "claimed";
    private const string PostedState = "posted";
    private readonly TableClient marks = clients.Table(StoreNames.PostMarksTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await marks.CreateIfNotExistsAsync(cancellationToken);

    public async Task<PostClaim> ClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Two rounds at most: a row that appears or changes between the read and the write is read once more.
        for (var round = 0; ; round++)
        {
            var found = await marks.GetEntityIfExistsAsync<TableEntity>(Partition, KeyHash.Of(key), cancellationToken: cancellationToken);
            var claim = new TableEntity(Partition, KeyHash.Of(key)) { ["Key"] = key, ["State"] = ClaimedState, ["Until"] = until };
            if (!found.HasValue)
            {
                if (await marks.TryInsertForETagAsync(claim, cancellationToken) is { } created)
                {
                    return new PostClaim(PostClaimState.Claimed, created);
                }
            }
            else
            {
                var row = found.Value!;
                if (row.GetString("State") == PostedState)
                {
                    return new PostClaim(PostClaimState.Posted);
                }

                var held = row.GetDateTimeOffset("Until") ?? DateTimeOffset.MinValue;
                if (held > time.GetUtcNow())
                {
                    return new PostClaim(PostClaimState.HeldElsewhere, HeldUntil: held);
                }

                // The claim ran out: its poster crashed or gave up without releasing it. Take it over.
                if (await marks.TryReplaceAsync(claim, row.ETag.ToString(), cancellationToken) is { } etag)
                {
                    return new PostClaim(PostClaimState.Claimed, etag);
                }
            }

            if (round > 0)
            {
                // Changed twice while we looked: someone else is at it right now.
                return new PostClaim(PostClaimState.HeldElsewhere, HeldUntil: until);
            }
        }
    }

    public async Task<bool> MarkPostedAsync(string key, string claimETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var posted = new TableEntity(Partition, KeyHash.Of(key)) { ["Key"] = key, ["State"] = PostedState, ["PostedAt"] = time.GetUtcNow() };
        return await marks.TryReplaceAsync(posted, claimETag, cancellationToken) is not null;
    }

    public async Task ReleaseAsync(string key, string claimETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await marks.DeleteEntityAsync(Partition, KeyHash.Of(key), new ETag(claimETag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over or gone already: the claim is not ours to give up any more.
        }
    }
}
