using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PrivacySync.Core.Common;

namespace PrivacySync.Cli;

/// <summary>
/// <c>verify-audit --request ID [--head MAC]</c> or <c>verify-audit --certificate FILE --key PEM | --api URL</c>: reads a
/// request's audit trail from storage (AzureWebJobsStorage) and checks its keyed MACs (PrivacySync:AuditKey); with a
/// certificate, first its signature, then that the trail holds the head it carries (the same check as
/// <c>verify --audit</c>). Exit 0 intact, 1 broken or a tampered certificate, 2 bad input (no such trail, not configured).
/// </summary>
public static class VerifyAuditCommand
{
    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error)
    {
        var request = new Option<string?>("--request") { Description = "The request id (or an access-denied chain such as denied-<entity>-<yyyy-MM>)." };
        var head = new Option<string?>("--head") { Description = "An event's MAC known from elsewhere, to detect events removed from the end." };
        var certificate = new Option<string?>("--certificate") { Description = "A signed certificate or confirmation: its request's trail is checked against the head it carries." };
        var key = VerifyCommand.KeyOption();
        var api = VerifyCommand.ApiOption();
        var command = new Command("verify-audit", "Check a request's keyed audit chain: exit 0 intact, 1 broken, 2 bad input.") { request, head, certificate, key, api };
        command.SetAction(async (parsed, ct) =>
        {
            var requestId = parsed.GetValue(request);
            if (parsed.GetValue(certificate) is { } path)
            {
                if (requestId is not null || parsed.GetValue(head) is not null)
                {
                    await error.WriteLineAsync("--certificate names the request and its head: give neither --request nor --head with it.");
                    return ExitCodes.InvalidInput;
                }

                var (exit, document) = await VerifyCommand.VerifySignedAsync(path, parsed.GetValue(key), parsed.GetValue(api), output, error, ct);
                if (document is null)
                {
                    return exit;
                }

                return await AuditTrailCheck.AnchorOfAsync(document, output) is { } anchor
                    ? await AuditTrailCheck.RunAsync(settings, anchor.RequestId, anchor.Head, output, error, ct)
                    : ExitCodes.Failure;
            }

            if (requestId is null || !PlainId.IsValid(requestId))
            {
                await error.WriteLineAsync(requestId is null ? "Give --request ID or --certificate FILE." : $"--request: '{requestId}' is not a request id.");
                return ExitCodes.InvalidInput;
            }

            return await AuditTrailCheck.RunAsync(settings, requestId, null, output, error, ct, parsed.GetValue(head));
        });
        return command;
    }
}
