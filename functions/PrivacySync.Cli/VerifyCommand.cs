using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Cli;

/// <summary>
/// <c>verify &lt;document.json&gt; [--certificate certificate.json] [--key public.pem | --api URL]</c>: checks a signed
/// deletion certificate, confirmation or certificate addendum. For an addendum, <c>--certificate</c> also checks that
/// certificate's signature and that the addendum names it (its id and the SHA-256 of its signed body). Exit 0 valid,
/// 1 tampered, signed with another key or an addendum of another certificate, 2 unusable input (nothing could be checked).
/// </summary>
public static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var certificate = new Argument<string>("document") { Description = "The signed certificate, confirmation or certificate addendum (JSON)." };
        var addendumOf = new Option<string?>("--certificate") { Description = "For an addendum: the certificate it must belong to (checked too)." };
        var key = new Option<string?>("--key") { Description = "The public key (PEM) to verify with." };
        var api = new Option<string?>("--api") { Description = "Fetch the public key from the function app (GET /api/certificates/key)." };
        var command = new Command("verify", "Verify a signed certificate: exit 0 valid, 1 tampered or wrong key, 2 unusable input.") { certificate, addendumOf, key, api };
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(certificate)!;
            var keyPath = parsed.GetValue(key);
            var apiAddress = parsed.GetValue(api);
            if ((keyPath is null) == (apiAddress is null))
            {
                await error.WriteLineAsync("Give the public key with either --key public.pem or --api URL (one of them).");
                return ExitCodes.InvalidInput;
            }

            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"'{path}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            var publicKey = keyPath is not null ? await ReadKeyFileAsync(keyPath, error, ct) : await FetchKeyAsync(apiAddress!, error, ct);
            if (publicKey is null)
            {
                return ExitCodes.InvalidInput;
            }

            var certificatePath = parsed.GetValue(addendumOf);
            if (certificatePath is not null && !File.Exists(certificatePath))
            {
                await error.WriteLineAsync($"--certificate: '{certificatePath}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            var verdict = CertificateVerifier.Verify(await File.ReadAllTextAsync(path, ct), publicKey);
            if (verdict.Status != VerificationStatus.Valid)
            {
                return await ReportAsync(verdict, "", output, error);
            }

            var isAddendum = verdict.Document!.Value<string>("documentType") == CertificateAddendum.DocumentType;
            if (certificatePath is null)
            {
                var what = isAddendum ? $"addendum {verdict.Document.Value<string>("addendumId")} to {verdict.Document.Value<string>("certificateId")}: " : "";
                return await ReportAsync(verdict, what, output, error);
            }

            if (!isAddendum)
            {
                await error.WriteLineAsync($"--certificate: '{path}' is not a certificate addendum, so it belongs to no certificate.");
                return ExitCodes.InvalidInput;
            }

            var certificateVerdict = CertificateVerifier.Verify(await File.ReadAllTextAsync(certificatePath, ct), publicKey);
            if (certificateVerdict.Status != VerificationStatus.Valid)
            {
                return await ReportAsync(certificateVerdict, "the certificate: ", output, error);
            }

            if (!CertificateAddendum.References(verdict.Document, certificateVerdict.Document!))
            {
                await output.WriteLineAsync(
                    $"NOT VALID (another certificate): the addendum's signature holds, but it names {verdict.Document.Value<string>("certificateId")} with another content hash than '{certificatePath}'.");
                return ExitCodes.Failure;
            }

            await output.WriteLineAsync(
                $"Valid: addendum {verdict.Document.Value<string>("addendumId")} and certificate {certificateVerdict.Document!.Value<string>("certificateId")} are signed, and the addendum belongs to that certificate.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ReportAsync(CertificateVerification verdict, string what, TextWriter output, TextWriter error)
    {
        switch (verdict.Status)
        {
            case VerificationStatus.Valid:
                await output.WriteLineAsync($"Valid: {what}{verdict.Reason}");
                return ExitCodes.Success;
            case VerificationStatus.UnusableInput:
                await error.WriteLineAsync($"Cannot verify: {what}{verdict.Reason}");
                return ExitCodes.InvalidInput;
            default:
                await output.WriteLineAsync($"NOT VALID ({(verdict.Status == VerificationStatus.WrongKey ? "wrong key" : "tampered")}): {what}{verdict.Reason}");
                return ExitCodes.Failure;
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
