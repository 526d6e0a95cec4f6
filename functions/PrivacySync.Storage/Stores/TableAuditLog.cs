using Azure.Data.Tables;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// The hash-chained audit trail: one partition per request, row key = zero-padded sequence. An append reads the
/// head and inserts the next sequence only if absent; a concurrent append that won the race makes us re-read.
/// </summary>
public sealed class TableAuditLog(StorageClients clients, TimeProvider time) : IAuditLog
{
    private const int MaxAttempts = 20;
    private readonly TableClient audit = clients.Table(StoreNames.AuditTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await audit.CreateIfNotExistsAsync(cancellationToken);

    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        for (var attempt = 1; ; attempt++)
        {
            var head = await HeadAsync(entry.RequestId, cancellationToken);
            var next = AuditChain.Append(head, entry, time.GetUtcNow());
            var row = new TableEntity(next.RequestId, AuditKeys.RowKey(next.Sequence)) { ["Data"] = CoreJson.Serialize(next) };
            if (await audit.TryInsertAsync(row, cancellationToken))
            {
                return next;
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
        await foreach (var row in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {requestId}"), cancellationToken: cancellationToken))
        {
            events.Add(CoreJson.Deserialize<AuditEvent>(row.GetString("Data")!));
        }

        return events;
    }

    // The chain of one request is short (tens of events): reading it whole to find the head is cheap and exact.
    private async Task<AuditEvent?> HeadAsync(string requestId, CancellationToken cancellationToken)
    {
        var events = await ReadAsync(requestId, cancellationToken);
        return events.Count == 0 ? null : events[^1];
    }
}
