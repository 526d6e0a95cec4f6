using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Cli;

/// <summary>
/// <c>verify &lt;certificate.json&gt; [--key public.pem | --api URL] [--audit]</c>: checks a signed deletion certificate or
/// confirmation; with --audit also the request's audit trail against the head the certificate carries (the same check
/// as <c>verify-audit --certificate</c>). Exit 0 valid, 1 tampered, signed with another key or a broken trail, 2 unusable
/// input (nothing could be checked).
/// </summary>
public static class VerifyCommand
{
    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error)
    {
        var certificate = new Argument<string>("certificate") { Description = "The signed certificate or confirmation (JSON)." };
        var key = KeyOption();
        var api = ApiOption();
        var audit = new Option<bool>("--audit") { Description = "Also check the request's audit trail (storage and PrivacySync:AuditKey from the environment) against the certificate's audit head." };
        var command = new Command("verify", "Verify a signed certificate: exit 0 valid, 1 tampered or wrong key, 2 unusable input.") { certificate, key, api, audit };
        command.SetAction(async (parsed, ct) =>
        {
            var (exit, document) = await VerifySignedAsync(parsed.GetValue(certificate)!, parsed.GetValue(key), parsed.GetValue(api), output, error, ct);
            if (document is null || !parsed.GetValue(audit))
            {
                return exit;
            }

            return await AuditTrailCheck.AnchorOfAsync(document, output) is { } anchor
                ? await AuditTrailCheck.RunAsync(settings, anchor.RequestId, anchor.Head, output, error, ct)
                : ExitCodes.Failure;
        });
        return command;
    }

    internal static Option<string?> KeyOption() => new("--key") { Description = "The public key (PEM) to verify with." };

    internal static Option<string?> ApiOption() => new("--api") { Description = "Fetch the public key from the function app (GET /api/certificates/key)." };

    /// <summary>Checks the envelope's signature and prints the verdict; the signed body only when it is valid.</summary>
    internal static async Task<(int Exit, JObject? Document)> VerifySignedAsync(
        string path, string? keyPath, string? apiAddress, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if ((keyPath is null) == (apiAddress is null))
        {
            await error.WriteLineAsync("Give the public key with either --key public.pem or --api URL (one of them).");
            return (ExitCodes.InvalidInput, null);
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"'{path}' does not exist.");
            return (ExitCodes.InvalidInput, null);
        }

        var publicKey = keyPath is not null ? await ReadKeyFileAsync(keyPath, error, ct) : await FetchKeyAsync(apiAddress!, error, ct);
        if (publicKey is null)
        {
            return (ExitCodes.InvalidInput, null);
        }

        var verdict = CertificateVerifier.Verify(await File.ReadAllTextAsync(path, ct), publicKey);
        switch (verdict.Status)
        {
            case VerificationStatus.Valid:
                await output.WriteLineAsync($"Valid: {verdict.Reason}");
                return (ExitCodes.Success, verdict.Document);
            case VerificationStatus.UnusableInput:
                await error.WriteLineAsync($"Cannot verify: {verdict.Reason}");
                return (ExitCodes.InvalidInput, null);
            default:
                await output.WriteLineAsync($"NOT VALID ({(verdict.Status == VerificationStatus.WrongKey ? "wrong key" : "tampered")}): {verdict.Reason}");
                return (ExitCodes.Failure, null);
        }
    }

    private static async Task<string?> ReadKeyFileAsync(string path, TextWriter error, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            return await File.ReadAllTextAsync(path, ct);
        }

        await error.WriteLineAsync($"--key: '{path}' does not exist.");
        return null;
    }

    private static async Task<string?> FetchKeyAsync(string api, TextWriter error, CancellationToken ct)
    {
        var url = ApiAddress.Resolve(api, "/api/certificates/key");
        if (url is null)
        {
            await error.WriteLineAsync(ApiAddress.Invalid(api));
            return null;
        }

        try
        {
            using var client = ApiAddress.CreateClient(null);
            using var response = await client.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode && JToken.Parse(body) is JObject { } key && key["publicKeyPem"] is JValue { Type: JTokenType.String } pem)
            {
                return (string)pem!;
            }

            await error.WriteLineAsync($"{url} did not answer with a public key ({(int)response.StatusCode}).");
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonReaderException)
        {
            await error.WriteLineAsync($"Could not fetch the public key from {url}: {ex.Message}");
            return null;
        }
    }
}
