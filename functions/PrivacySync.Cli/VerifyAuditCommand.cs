using System.CommandLine;
using Azure;
using Microsoft.Extensions.Configuration;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Cli;

/// <summary>
/// <c>verify-audit --request ID [--head HASH]</c>: reads a request's audit trail from storage (AzureWebJobsStorage)
/// and checks its hash chain. Exit 0 intact, 1 broken, 2 bad input (no such trail, storage not configured).
/// </summary>
public static class VerifyAuditCommand
{
    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error)
    {
        var request = new Option<string>("--request") { Description = "The request id (or an access-denied chain such as denied-<entity>-<yyyy-MM>).", Required = true };
        var head = new Option<string?>("--head") { Description = "The last event's hash known from elsewhere (e.g. a certificate), to detect events removed from the end." };
        var command = new Command("verify-audit", "Check a request's hash-chained audit trail: exit 0 intact, 1 broken, 2 bad input.") { request, head };
        command.SetAction(async (parsed, ct) =>
        {
            var requestId = parsed.GetValue(request)!;
            if (!PlainId.IsValid(requestId))
            {
                await error.WriteLineAsync($"--request: '{requestId}' is not a request id.");
                return ExitCodes.InvalidInput;
            }

            StorageClients clients;
            try
            {
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
                trail = await new TableAuditLog(clients, TimeProvider.System).ReadAsync(requestId, ct);
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

            var verdict = AuditChain.Verify(trail, parsed.GetValue(head));
            if (verdict.IsValid)
            {
                await output.WriteLineAsync($"Intact: {trail.Count} event(s) for {requestId}, last hash {trail[^1].Hash}.");
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"BROKEN at event {verdict.BrokenAtSequence} of {requestId}: {verdict.Reason}");
            return ExitCodes.Failure;
        });
        return command;
    }
}
