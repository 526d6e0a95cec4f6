using System.Globalization;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;

namespace PrivacySync.Functions.Api;

/// <summary>
/// Records refused officer actions in the audit trail. A refused decision is recorded in that request's own chain.
/// A refused submission has no request yet, so it goes into a chain per legal entity and month,
/// <c>denied-{entity}-{yyyy-MM}</c> (verify it with <c>verify-audit --request denied-…</c>): a separate chain keeps
/// request chains free of other requests' events, and a month keeps each chain short. Only the claimed officer id
/// and the operation are recorded, never anything from the subject.
/// </summary>
public sealed class AccessDenials(IAuditLog audit, TimeProvider time, ILogger<AccessDenials> logger)
{
    public const string Operation = "operation";

    public static string SubmissionChainId(string entityId, DateTimeOffset at) =>
        $"denied-{entityId}-{at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public async Task<string> RecordSubmissionAsync(string entityId, string officerId, CancellationToken ct)
    {
        var chain = SubmissionChainId(entityId, time.GetUtcNow());
        await audit.AppendAsync(Entry(chain, officerId, "submit", entityId), ct);
        ApiLog.AccessDenied(logger, "submit", chain);
        return chain;
    }

    public async Task RecordDecisionAsync(string requestId, string officerId, string decision, CancellationToken ct)
    {
        await audit.AppendAsync(Entry(requestId, officerId, "decision:" + decision, null), ct);
        ApiLog.AccessDenied(logger, "decision:" + decision, requestId);
    }

    /// <summary>A download link used by an officer it was not issued to; recorded in that request's chain.</summary>
    public async Task RecordDownloadAsync(string requestId, string officerId, string file, CancellationToken ct)
    {
        await audit.AppendAsync(Entry(requestId, officerId, "download:" + file, null), ct);
        ApiLog.AccessDenied(logger, "download:" + file, requestId);
    }

    private static AuditEntry Entry(string chain, string officerId, string operation, string? entityId)
    {
        var details = new Dictionary<string, string> { [Operation] = operation };
        if (entityId is not null)
        {
            details["entity"] = entityId;
        }

        return new AuditEntry(chain, officerId, AuditActions.AccessDenied, Outcome: "forbidden", Details: details);
    }
}
