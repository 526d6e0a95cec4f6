using Azure;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Cli;

/// <summary>
/// The one check of a request's audit trail that <c>verify-audit</c> and <c>verify --audit</c> share, so the two
/// commands give the same verdict: the trail is read from storage (AzureWebJobsStorage), its MACs are checked with
/// the audit key (PrivacySync:AuditKey), and when a signed certificate names the chain's head, the trail must hold
/// that very event.
/// </summary>
internal static class AuditTrailCheck
{
    /// <summary>Exit code and printed verdict.</summary>
    /// <param name="anchor">The head a certificate carries, when known.</param>
    /// <param name="headMac">An event's MAC known from elsewhere (--head): the trail must hold it, else its tail was cut.</param>
    public static async Task<int> RunAsync(
        IConfiguration settings, string requestId, AuditHead? anchor, TextWriter output, TextWriter error, CancellationToken ct, string? headMac = null)
    {
        StorageClients clients;
        AuditChain chain;
        try
        {
            chain = new AuditChain(AuditKey.FromSetting(settings[AuditKey.SettingName]));
            clients = StorageClients.FromConfiguration(settings);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<AuditEvent> trail;
        try
        {
            trail = await new TableAuditLog(clients, chain, TimeProvider.System).ReadAsync(requestId, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            trail = [];
        }

        if (trail.Count == 0)
        {
            await error.WriteLineAsync($"No audit trail for {requestId}.");
            return ExitCodes.InvalidInput;
        }

        if (headMac is not null)
        {
            anchor = trail.FirstOrDefault(e => string.Equals(e.Mac, headMac, StringComparison.Ordinal))?.Head ?? new AuditHead(trail.Count + 1L, headMac);
        }

        var verdict = chain.Verify(trail, anchor);
        if (verdict.IsValid)
        {
            var anchored = anchor is null ? "" : $"; it holds the known head, event {anchor.Sequence}";
            await output.WriteLineAsync($"Intact: {trail.Count} event(s) for {requestId}, last MAC {trail[^1].Mac}{anchored}.");
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"BROKEN at event {verdict.BrokenAtSequence} of {requestId}: {verdict.Reason}");
        return ExitCodes.Failure;
    }

    /// <summary>The request id and audit head a verified certificate states; null (with the reason printed) when it states none.</summary>
    public static async Task<(string RequestId, AuditHead Head)?> AnchorOfAsync(JObject document, TextWriter output)
    {
        if (document["requestId"] is not JValue { Type: JTokenType.String, Value: string requestId })
        {
            await output.WriteLineAsync("NOT VALID (no audit head): the certificate names no request.");
            return null;
        }

        if (StatedDocument.ReadAuditHead(document) is not { } head)
        {
            await output.WriteLineAsync($"NOT VALID (no audit head): the certificate does not carry its audit chain's head ({StatedDocument.AuditHeadProperty}).");
            return null;
        }

        return (requestId, head);
    }
}
