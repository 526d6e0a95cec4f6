using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Cli;

/// <summary>
/// <c>verify &lt;document.json&gt; [--certificate certificate.json] [--key public.pem | --api URL] [--audit]</c>: checks a
/// signed deletion certificate, confirmation or certificate addendum. For an addendum, <c>--certificate</c> also checks
/// that certificate's signature and that the addendum names it (its id and the SHA-256 of its signed body). With
/// --audit also the request's audit trail against the head the document carries (the same check as
/// <c>verify-audit --certificate</c>; an addendum carries the later head, so the check covers the erasure it states).
/// Exit 0 valid, 1 tampered, signed with another key, an addendum of another certificate or a broken trail, 2 unusable
/// input (nothing could be checked).
/// </summary>
public static class VerifyCommand
{
    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error)
    {
        var document = new Argument<string>("document") { Description = "The signed certificate, confirmation or certificate addendum (JSON)." };
        var addendumOf = new Option<string?>("--certificate") { Description = "For an addendum: the certificate it must belong to (checked too)." };
        var key = KeyOption();
        var api = ApiOption();
        var audit = new Option<bool>("--audit") { Description = "Also check the request's audit trail (storage and PrivacySync:AuditKey from the environment) against the document's audit head." };
        var command = new Command("verify", "Verify a signed certificate or addendum: exit 0 valid, 1 tampered or wrong key, 2 unusable input.")
        {
            document, addendumOf, key, api, audit,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var certificatePath = parsed.GetValue(addendumOf);
            if (certificatePath is not null && !File.Exists(certificatePath))
            {
                await error.WriteLineAsync($"--certificate: '{certificatePath}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            var (exit, signed) = await VerifySignedAsync(parsed.GetValue(document)!, parsed.GetValue(key), parsed.GetValue(api), output, error, ct);
            if (signed is null)
            {
                return exit;
            }

            if (certificatePath is not null)
            {
                exit = await VerifyBelongsAsync(signed, certificatePath, parsed.GetValue(key), parsed.GetValue(api), output, error, ct);
                if (exit != ExitCodes.Success)
                {
                    return exit;
                }
            }

            if (!parsed.GetValue(audit))
            {
                return exit;
            }

            return await AuditTrailCheck.AnchorOfAsync(signed, output) is { } anchor
                ? await AuditTrailCheck.RunAsync(settings, anchor.RequestId, anchor.Head, output, error, ct)
                : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>For <c>--certificate</c>: the document is an addendum, the certificate's signature holds, and the addendum names it.</summary>
    private static async Task<int> VerifyBelongsAsync(
        JObject addendum, string certificatePath, string? keyPath, string? apiAddress, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (addendum.Value<string>("documentType") != CertificateAddendum.DocumentType)
        {
            await error.WriteLineAsync("--certificate: the document is not a certificate addendum, so it belongs to no certificate.");
            return ExitCodes.InvalidInput;
        }

        var (exit, certificate) = await VerifySignedAsync(certificatePath, keyPath, apiAddress, output, error, ct);
        if (certificate is null)
        {
            return exit;
        }

        if (!CertificateAddendum.References(addendum, certificate))
        {
            await output.WriteLineAsync(
                $"NOT VALID (another certificate): the addendum's signature holds, but it names {addendum.Value<string>("certificateId")} with another content hash than '{certificatePath}'.");
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync($"Valid: addendum {addendum.Value<string>("addendumId")} belongs to certificate {certificate.Value<string>("certificateId")}.");
        return ExitCodes.Success;
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
