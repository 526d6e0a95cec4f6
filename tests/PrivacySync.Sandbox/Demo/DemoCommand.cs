using System.CommandLine;
using System.Diagnostics;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Seeding;

namespace PrivacySync.Sandbox.Demo;

/// <summary>
/// <c>demo --endpoints endpoints.json --out out</c>: the privacy officer's side of the demo, against a running
/// worker. (0) Two officers of the demo entity sign in at the sandbox issuer. (1) An access request for the persona:
/// progress per system, the export package downloaded through a link issued to the submitting officer into --out and
/// listed. (2) An erasure request: the submitter's own approval refused, a second officer's (a different identity)
/// accepted; (between them) a rectification and a restriction approved by the second officer, their confirmations, letters
/// and Art. 19 tasks, and the restriction's lift decided (its letter to the subject first);
/// progress, the certificate downloaded into --out and its per-system outcomes printed. Exit 0 when both completed without a failed
/// system, 1 otherwise. The certificate's path is written to --certificate-path-file for the verify step.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var endpoints = new Option<FileInfo>("--endpoints") { Description = "endpoints.json of the running environment.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the export package and certificate are copied.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each request may take.", DefaultValueFactory = _ => 90 };
        var certificatePathFile = new Option<FileInfo?>("--certificate-path-file") { Description = "Write the certificate's path here." };
        var confirmationPathFile = new Option<FileInfo?>("--confirmation-path-file") { Description = "Write the rectification confirmation's path here." };
        var restrictionPathFile = new Option<FileInfo?>("--restriction-path-file") { Description = "Write the restriction confirmation's path here." };
        var command = new Command("demo", "Run an access and an erasure request as privacy officers would, against a running worker.")
        {
            endpoints, outDir, timeout, certificatePathFile, confirmationPathFile, restrictionPathFile,
        };
        command.SetAction(async (parsed, ct) =>
        {
            try
            {
                var local = LocalEndpoints.Read(parsed.GetValue(endpoints)!.FullName);
                var folder = parsed.GetValue(outDir)!;
                folder.Create();
                var (certificate, confirmation, restriction) = await RunAsync(local, folder, TimeSpan.FromSeconds(parsed.GetValue(timeout)), output, ct);
                if (parsed.GetValue(certificatePathFile) is { } pathFile)
                {
                    await File.WriteAllTextAsync(pathFile.FullName, certificate, ct);
                }

                if (parsed.GetValue(confirmationPathFile) is { } confirmationFile)
                {
                    await File.WriteAllTextAsync(confirmationFile.FullName, confirmation, ct);
                }

                if (parsed.GetValue(restrictionPathFile) is { } restrictionFile)
                {
                    await File.WriteAllTextAsync(restrictionFile.FullName, restriction, ct);
                }

                return 0;
            }
            catch (Exception e) when (e is JsonApiException or InvalidOperationException or IOException or Newtonsoft.Json.JsonException)
            {
                await output.FlushAsync(ct);
                await error.WriteLineAsync($"demo failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<(string Certificate, string Confirmation, string Restriction)> RunAsync(LocalEndpoints local, DirectoryInfo folder, TimeSpan timeout, TextWriter output, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var redraw = !Console.IsOutputRedirected;
        output.WriteLine();
        output.WriteLine($"0. Officers sign in at the sandbox's Entra-like issuer ({local.TokenEndpoint.GetLeftPart(UriPartial.Authority)}, password grant — sandbox only):");
        var submitter = await SignInAsync(local, local.Officers[0], output, ct);
        var approver = await SignInAsync(local, local.Officers[1], output, ct);
        using var first = new OfficerDesk(submitter, local.Api, output, redraw);
        using var second = new OfficerDesk(approver, local.Api, output, redraw);

        output.WriteLine();
        output.WriteLine($"1. Access request (GDPR Art. 15/20) for {DemoPersona.Name} <{DemoPersona.Email}>, employee {DemoPersona.EmployeeNumber},");
        output.WriteLine($"   legal entity {DemoPersona.LegalEntity}, submitted by {first.OfficerId} with their own token (the body names no officer):");
        var accessForm = OfficerDesk.Form("access", "Subject asked by e-mail for a copy of all data; identity checked with BankID.");
        output.WriteLine("   POST /api/requests " + accessForm.ToString(Newtonsoft.Json.Formatting.None));
        var accessId = await first.SubmitAsync(accessForm, ct);
        var access = await first.FollowAsync(accessId, "export.zip", timeout, ct);
        EnsureSucceeded(access);
        var (zip, zipExpires) = await first.DownloadAsync(accessId, "export.zip", ct);
        var zipPath = Path.Combine(folder.FullName, $"{accessId}-export.zip");
        await File.WriteAllBytesAsync(zipPath, zip, ct);
        output.WriteLine($"   Export package (link issued to {first.OfficerId} on request, valid until {zipExpires}): {Relative(zipPath)} ({zip.Length / 1024.0:0.0} KiB)");
        ExportListing.Print(zip, output);

        output.WriteLine();
        output.WriteLine($"2. Rectification request (GDPR Art. 16) for the same person: a new phone number and postal address, submitted by {first.OfficerId}:");
        var rectificationForm = OfficerDesk.Form("rectification", "Subject moved and changed phone number; identity checked with BankID.");
        rectificationForm["corrections"] = "phone: +47 987 65 432\naddress: Storgata 1, 0155 Oslo";
        var (rectificationId, confirmationPath) = await ApprovedChangeAsync(
            first, second, rectificationForm, "Identity verified; the new details come from the subject.", "Rectification", folder, timeout, output, ct);

        output.WriteLine();
        output.WriteLine($"3. Restriction request (GDPR Art. 18(1)(a)): the person contests the accuracy of the data while it is checked, submitted by {first.OfficerId}:");
        var restrictionForm = OfficerDesk.Form("restriction", "Subject disputes the accuracy of the recorded data; identity checked with BankID.");
        restrictionForm["restrictionGround"] = "accuracy-contested";
        var (restrictionId, restrictionPath) = await ApprovedChangeAsync(
            first, second, restrictionForm, "Identity verified; accuracy is being checked.", "Restriction", folder, timeout, output, ct);
        output.WriteLine($"   The data is checked and found correct: {second.OfficerId} decides to lift the restriction; the subject's letter comes first (Art. 18(3)):");
        await second.DecideAsync(restrictionId, "lift-restriction", "Accuracy verified against the signed contract.", ct);
        var (liftLetter, _) = await second.DownloadAsync(restrictionId, "lift-letter.html", ct);
        var liftLetterPath = Path.Combine(folder.FullName, $"{restrictionId}-lift-letter.html");
        await File.WriteAllBytesAsync(liftLetterPath, liftLetter, ct);
        output.WriteLine($"   Lift letter: {Relative(liftLetterPath)}; the systems lift the restriction in the next nightly reconciliation.");

        output.WriteLine();
        output.WriteLine($"4. Erasure request (GDPR Art. 17) for the same person, submitted by {first.OfficerId}:");
        var erasureForm = OfficerDesk.Form("erasure", "Subject withdrew consent and asked to be erased; identity checked with BankID.");
        var erasureId = await first.SubmitAsync(erasureForm, ct);
        var waiting = await first.GetAsync(erasureId, ct);
        if ((string?)waiting["status"] != "awaiting-approval")
        {
            throw new InvalidOperationException($"{erasureId} is '{waiting["status"]}', expected 'awaiting-approval' (erasure needs a second officer).");
        }

        output.WriteLine($"   {first.OfficerId} tries to approve their own erasure (same identity, object id {submitter.ObjectId}):");
        output.WriteLine($"  → refused (403) {await first.RefusedDecisionAsync(erasureId, "approve", "Approving my own request.", ct)}");
        output.WriteLine($"   A second officer, {second.OfficerId} (a different identity, object id {approver.ObjectId}), approves:");
        await second.DecideAsync(erasureId, "approve", "Identity verified; no legal hold on the subject.", ct);
        var erasure = await second.FollowAsync(erasureId, "certificate.json", timeout, ct);
        EnsureSucceeded(erasure);
        output.WriteLine($"   approvedBy {(string?)erasure["approvedBy"]}, submittedBy {(string?)erasure["submittedBy"]}");
        var (certificate, _) = await second.DownloadAsync(erasureId, "certificate.json", ct);
        var certificatePath = Path.Combine(folder.FullName, $"{erasureId}-certificate.json");
        await File.WriteAllBytesAsync(certificatePath, certificate, ct);
        output.WriteLine($"   Deletion certificate: {Relative(certificatePath)}");
        CertificateReport.Print(JObject.Parse(System.Text.Encoding.UTF8.GetString(certificate)), output);
        output.WriteLine();
        output.WriteLine($"All four requests done in {total.Elapsed.TotalSeconds:0.0} s.");
        if (local.Teams is { } sink)
        {
            await PostedCards.WriteAsync(sink, [accessId, rectificationId, restrictionId, erasureId], folder, output, ct);
        }

        return (Relative(certificatePath), confirmationPath, restrictionPath);
    }

    /// <summary>
    /// Submits a data-changing request, has the second officer approve it and follows it to its signed confirmation;
    /// saves the confirmation, its letter and its Art. 19 tasks and prints them. Answers the request id and the confirmation's path.
    /// </summary>
    private static async Task<(string Id, string Confirmation)> ApprovedChangeAsync(
        OfficerDesk first, OfficerDesk desk, JObject form, string why, string kind, DirectoryInfo folder, TimeSpan timeout, TextWriter output, CancellationToken ct)
    {
        var id = await first.SubmitAsync(form, ct);
        output.WriteLine($"   It changes data, so a second officer, {desk.OfficerId}, approves:");
        await desk.DecideAsync(id, "approve", why, ct);
        EnsureSucceeded(await desk.FollowAsync(id, "confirmation.json", timeout, ct));
        var (confirmation, _) = await desk.DownloadAsync(id, "confirmation.json", ct);
        var path = Path.Combine(folder.FullName, $"{id}-confirmation.json");
        await File.WriteAllBytesAsync(path, confirmation, ct);
        var (letter, _) = await desk.DownloadAsync(id, "letter.html", ct);
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"{id}-letter.html"), letter, ct);
        var (recipientTasks, _) = await desk.DownloadAsync(id, "recipient-tasks.json", ct);
        output.WriteLine($"   {kind} confirmation: {Relative(path)} (letter beside it)");
        CertificateReport.Print(JObject.Parse(System.Text.Encoding.UTF8.GetString(confirmation)), output);
        foreach (var task in (JObject.Parse(System.Text.Encoding.UTF8.GetString(recipientTasks))["tasks"] as JArray ?? []).Children<JObject>())
        {
            output.WriteLine($"     Art. 19 task {task["taskId"]} for the officer: {task["action"]}");
        }

        return (id, Relative(path));
    }

    private static async Task<SignedInOfficer> SignInAsync(LocalEndpoints local, OfficerAccount account, TextWriter output, CancellationToken ct)
    {
        var officer = await SandboxSignIn.PasswordAsync(local, account, ct);
        output.WriteLine($"   {account.Id} ({account.Username}) signed in: token for object id {officer.ObjectId}, roles {string.Join(", ", officer.Roles)}, "
            + $"valid until {officer.ExpiresAt:HH:mm} UTC");
        return officer;
    }

    /// <summary>A request that finished with a failed system is a failed demo (the output is still shown first).</summary>
    private static void EnsureSucceeded(JObject request)
    {
        var failed = (request["tasks"] as JArray ?? []).Children<JObject>().Where(t => (string?)t["outcome"] == "failed").ToList();
        if ((string?)request["status"] == "rejected" || failed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{request["requestId"]} ended '{request["status"]}'" + string.Concat(failed.Select(t => $"; {t["system"]} failed: {t["error"]}")));
        }
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
