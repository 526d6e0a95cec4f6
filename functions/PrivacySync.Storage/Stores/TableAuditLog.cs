using Azure;
using Azure.Data.Tables;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// The keyed audit chain: one partition per request, row key = zero-padded sequence, plus one head row (row key
/// <see cref="HeadRowKey"/>, which sorts after every sequence) holding the last event. An append point-reads the head,
/// and inserts the next event and replaces the head in one entity-group transaction conditional on the head's ETag:
/// the chain is never read whole to append, and a concurrent append that won the race makes us re-read the head.
/// An entry with an idempotency key also inserts a marker row (<see cref="OnceRowPrefix"/> + key, sorting after the
/// head) in the same transaction, so a second append under that key fails as a whole and returns the first event.
/// </summary>
public sealed class TableAuditLog(StorageClients clients, AuditChain chain, TimeProvider time) : IAuditLog
{
    /// <summary>The row that holds the chain's last event.</summary>
    public const string HeadRowKey = "head";

    /// <summary>Prefix of the rows that hold which idempotency keys were appended (and at which sequence).</summary>
    public const string OnceRowPrefix = "once-";

    private const int MaxAttempts = 20;
    private readonly TableClient audit = clients.Table(StoreNames.AuditTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await audit.CreateIfNotExistsAsync(cancellationToken);

    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var once = entry.IdempotencyKey is { } key ? OnceRowPrefix + Uri.EscapeDataString(key) : null;
        for (var attempt = 1; ; attempt++)
        {
            var head = await ReadHeadRowAsync(entry.RequestId, cancellationToken);
            var next = chain.Append(head?.Event, entry, time.GetUtcNow());
            var data = CoreJson.Serialize(next);
            var headRow = new TableEntity(next.RequestId, HeadRowKey) { ["Data"] = data };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(next.RequestId, AuditKeys.RowKey(next.Sequence)) { ["Data"] = data }),
                head is null
                    ? new(TableTransactionActionType.Add, headRow)
                    : new(TableTransactionActionType.UpdateReplace, headRow, head.ETag),
            ];
            if (once is not null)
            {
                actions = [.. actions, new(TableTransactionActionType.Add, new TableEntity(next.RequestId, once) { ["Sequence"] = next.Sequence })];
            }

            try
            {
                await audit.SubmitTransactionAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Lost the race (the head moved, or the sequence is taken): re-read the head — unless the key was taken.
                if (once is not null && await AppendedUnderAsync(entry.RequestId, once, cancellationToken) is { } earlier)
                {
                    return earlier;
                }
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Audit append for {entry.RequestId} lost the race {MaxAttempts} times.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * attempt)), time, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string requestId, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {requestId} and RowKey lt {HeadRowKey}");
        await foreach (var row in audit.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(CoreJson.Deserialize<AuditEvent>(row.GetString("Data")!));
        }

        return events;
    }

    public async Task<AuditEvent?> HeadAsync(string requestId, CancellationToken cancellationToken) =>
        (await ReadHeadRowAsync(requestId, cancellationToken))?.Event;

    /// <summary>The event appended under the marker row <paramref name="once"/>, or null when no append holds that key.</summary>
    private async Task<AuditEvent?> AppendedUnderAsync(string requestId, string once, CancellationToken cancellationToken)
    {
        var marker = await audit.GetEntityIfExistsAsync<TableEntity>(requestId, once, cancellationToken: cancellationToken);
        if (!marker.HasValue || marker.Value?.GetInt64("Sequence") is not { } sequence)
        {
            return null;
        }

        var row = await audit.GetEntityAsync<TableEntity>(requestId, AuditKeys.RowKey(sequence), cancellationToken: cancellationToken);
        return CoreJson.Deserialize<AuditEvent>(row.Value.GetString("Data")!);
    }

    private async Task<HeadRow?> ReadHeadRowAsync(string requestId, CancellationToken cancellationToken)
    {
        var row = await audit.GetEntityIfExistsAsync<TableEntity>(requestId, HeadRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new HeadRow(CoreJson.Deserialize<AuditEvent>(entity.GetString("Data")!), entity.ETag)
            : null;
    }

    private sealed record HeadRow(AuditEvent Event, ETag ETag);
}
