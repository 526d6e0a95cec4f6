using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// Restriction of processing (GDPR Art. 18) end to end with the real connectors, the published app under the local host:
/// HubSpot's communication preferences and contact properties changed through its API, the HR database's restriction
/// flag set in one transaction, Microsoft 365 and the HR REST system as manual steps; remembered by PrivacySync for later
/// requests, reviewed and lifted by the nightly reconciliation only after the subject's letter.
/// </summary>
public sealed class RestrictionFlowTests
{
    private const string Marker = "privacysync_restricted";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestrictionHoldsProcessingInEachSystemEndsWithAVerifiedConfirmationAndALaterAccessRequestSaysSo()
    {
        await using var systems = await RealSystems.StartAsync();

        // Bad grounds are refused field by field, and nothing is created.
        var missing = await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "restriction", null), HttpStatusCode.BadRequest);
        Assert.Contains("is required for a restriction", Field(missing, "restrictionGround"), StringComparison.Ordinal);
        var unknown = await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "restriction", "because-i-say-so"), HttpStatusCode.BadRequest);
        Assert.Contains("accuracy-contested", Field(unknown, "restrictionGround"), StringComparison.Ordinal);
        var misplaced = await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "access", "legal-claims"), HttpStatusCode.BadRequest);
        Assert.Contains("only for a restriction", Field(misplaced, "restrictionGround"), StringComparison.Ordinal);
        Assert.Empty((await systems.SendAsync(HttpMethod.Get, "/api/requests", null, HttpStatusCode.OK))["items"]!);

        var (id, submitted) = await systems.SubmitAsync("restriction", form => form["restrictionGround"] = "accuracy-contested");
        Assert.Equal("awaiting-approval", submitted); // it changes how data is processed: four eyes, as for erasure
        Assert.Equal("dispatched", (string?)(await systems.DecideAsync(id, "approve", RealSystems.Approver))["status"]);
        var request = await systems.WaitForCompletionAsync(id);

        // Microsoft 365 and the HR REST system cannot hold processing by API: manual steps, so with exceptions.
        Assert.True((string?)request["status"] == "completed-with-exceptions", request.ToString());
        Assert.Equal("accuracy-contested", (string?)request["restriction"]!["ground"]);
        Assert.True((bool)request["restriction"]!["holds"]!);
        Assert.Equal(["restricted", "restricted"], Outcomes(request, "crm"));
        Assert.Equal(["restricted"], Outcomes(request, "hr-db"));
        Assert.Equal(["manual-action-required"], Outcomes(request, "m365"));
        Assert.Equal(["manual-action-required"], Outcomes(request, "hr-api"));
        var instructions = (string)Task(request, "m365")["categories"]![0]!["instructions"]!;
        Assert.Contains(systems.GraphUserId, instructions, StringComparison.Ordinal);
        Assert.Contains("LitigationHoldEnabled $true", instructions, StringComparison.Ordinal);

        // HubSpot holds it through its own API: the marker property is set and every address is opted out of all email.
        var (_, contact, _) = await systems.HubSpot.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{systems.ContactId}?properties={Marker}");
        Assert.Equal("true", (string?)contact!["properties"]![Marker]);
        var (_, wide, _) = await systems.HubSpot.SendAsync(HttpMethod.Get, $"communication-preferences/v4/statuses/{Uri.EscapeDataString(systems.Email)}/unsubscribe-all?channel=EMAIL");
        Assert.Contains(wide!["results"]!, r => (string?)r["status"] == "NOT_SUBSCRIBED");

        // The HR row carries the flag; nothing else of it changed.
        var employee = systems.Employee.EmployeeId;
        Assert.Equal(1L, Convert.ToInt64(await systems.HrDatabase.ScalarAsync("SELECT processing_restricted FROM employees WHERE employee_id = @a", employee), CultureInfo.InvariantCulture));
        Assert.Equal(0L, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted = 1 AND employee_id <> @a", employee));

        // The signed confirmation verifies, states the ground and the CRM category's recipient (Art. 19), never the address.
        var confirmation = Encoding.UTF8.GetString(await systems.DownloadAsync(id, "confirmation.json"));
        var key = await systems.SendAsync(HttpMethod.Get, "/api/certificates/key", null, HttpStatusCode.OK);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(confirmation, (string)key["publicKeyPem"]!).Status);
        var body = (JObject)JObject.Parse(confirmation)[SignedEnvelope.BodyProperty]!;
        Assert.Equal(RestrictionConfirmation.DocumentType, (string?)body["documentType"]);
        Assert.Equal("accuracy-contested", (string?)body["ground"]);
        Assert.Equal("Wiring Events Ltd", (string?)body["recipientsToNotify"]!.Single()["recipient"]);
        Assert.DoesNotContain(systems.Email, confirmation, StringComparison.OrdinalIgnoreCase);
        var letter = Encoding.UTF8.GetString(await systems.DownloadAsync(id, "letter.html"));
        Assert.Contains("Confirmation of your request for restriction of processing", letter, StringComparison.Ordinal);
        Assert.Contains("Art. 18(1)(a)", letter, StringComparison.Ordinal);
        Assert.Contains("before we lift the restriction", letter, StringComparison.Ordinal);
        Assert.Contains("privacysync verify confirmation.json", letter, StringComparison.Ordinal);
        var tasks = JObject.Parse(Encoding.UTF8.GetString(await systems.DownloadAsync(id, "recipient-tasks.json")));
        Assert.Contains("was restricted", (string)tasks["tasks"]!.Single()["action"]!, StringComparison.Ordinal);

        // A later access request of the same person says the restriction holds, in its manifest and its summary.
        var (access, _) = await systems.SubmitAsync("access");
        Assert.Equal("completed", (string?)(await systems.WaitForCompletionAsync(access))["status"]);
        using var zip = new ZipArchive(new MemoryStream(await systems.DownloadAsync(access, "export.zip")), ZipArchiveMode.Read);
        var manifest = JObject.Parse(await ReadAsync(zip, "manifest.json"));
        var held = manifest["restrictions"]!.Single();
        Assert.Equal(id, (string?)held["requestId"]);
        Assert.Equal("holds", (string?)held["status"]);
        Assert.Contains($"Processing of your data is restricted since", await ReadAsync(zip, "summary.html"), StringComparison.Ordinal);

        // Erasure is still allowed while the restriction holds.
        Assert.Equal("awaiting-approval", (await systems.SubmitAsync("erasure")).Status);
    }

    [Fact]
    public async Task LiftIsReviewedNightlyTheSubjectsLetterComesFirstAndTheNextNightLiftsItInTheSystems()
    {
        await using var systems = await RealSystems.StartAsync();
        var (id, _) = await systems.SubmitAsync("restriction", form => form["restrictionGround"] = "objection-pending");
        await systems.DecideAsync(id, "approve", RealSystems.Approver);
        Assert.True((bool)(await systems.WaitForCompletionAsync(id))["restriction"]!["holds"]!);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        // The entity reviews restrictions after a day: the night reports it and changes nothing.
        var (code, output, error) = await systems.ReconcileAsync(tomorrow, null, "--dry-run");
        Assert.True(code == 0, error);
        Assert.Contains($"restriction-held\t{id}", output, StringComparison.Ordinal);

        // A hostile reason is data on the request row: kept as written, never in the subject's letter.
        const string Reason = "Objection weighed'); DROP TABLE employees; -- <script>alert(1)</script>";
        var without = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision", new JObject { ["decision"] = "lift-restriction" }, HttpStatusCode.BadRequest);
        Assert.Contains("is required to lift a restriction", Field(without, "reason"), StringComparison.Ordinal);
        var decided = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision", new JObject { ["decision"] = "lift-restriction", ["reason"] = Reason }, HttpStatusCode.OK);
        Assert.Equal(Reason, (string?)decided["restriction"]!["liftReason"]);
        Assert.NotNull(decided["restriction"]!["liftNotifiedAt"]);
        Assert.True((bool)decided["restriction"]!["holds"]!); // told, not yet lifted
        Assert.Contains(decided["outputs"]!, o => (string?)o["file"] == "lift-letter.html");
        var again = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision", new JObject { ["decision"] = "lift-restriction", ["reason"] = "twice" }, HttpStatusCode.Conflict);
        Assert.Contains("already decided", again.ToString(), StringComparison.Ordinal);

        var letter = Encoding.UTF8.GetString(await systems.DownloadAsync(id, "lift-letter.html"));
        Assert.Contains("We will lift the restriction of processing of your data", letter, StringComparison.Ordinal);
        Assert.Contains("Art. 18(3)", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE", letter, StringComparison.Ordinal);
        Assert.Equal(1L, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted = 1 AND employee_id = @a", systems.Employee.EmployeeId));

        // The next night lifts it in the systems, after the letter; a rerun of that night changes nothing.
        (code, output, error) = await systems.ReconcileAsync(tomorrow);
        Assert.True(code == 0, error + output);
        Assert.Contains($"restriction-lifted\t{id}", output, StringComparison.Ordinal);
        Assert.Contains("lifted in crm", output, StringComparison.Ordinal);
        var (_, contact, _) = await systems.HubSpot.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{systems.ContactId}?properties={Marker}");
        Assert.Equal("false", (string?)contact!["properties"]![Marker]);
        Assert.Equal(0L, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted = 1 AND employee_id = @a", systems.Employee.EmployeeId));
        Assert.Equal(1L, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM employees WHERE employee_id = @a", systems.Employee.EmployeeId));
        var lifted = await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK);
        Assert.False((bool)lifted["restriction"]!["holds"]!);
        Assert.NotNull(lifted["restriction"]!["liftedAt"]);

        var trail = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        var notified = trail.Single(e => e.Action == AuditActions.RestrictionLiftNotified);
        Assert.Equal(RealSystems.Submitter, notified.Actor);
        Assert.DoesNotContain("DROP TABLE", string.Join("\n", trail.SelectMany(e => (e.Details?.Values ?? []).Append(e.Outcome ?? ""))), StringComparison.Ordinal);
        Assert.All(trail.Where(e => e.Action is AuditActions.LiftingRestriction or AuditActions.RestrictionLifted), e => Assert.True(e.Sequence > notified.Sequence));
        Assert.Equal(["crm", "hr-api", "hr-db", "m365"], trail.Where(e => e.Action == AuditActions.RestrictionLifted && e.SystemId is not null).Select(e => e.SystemId!).Order());
        (code, output, _) = await systems.ReconcileAsync(tomorrow);
        Assert.Contains("already reconciled", output, StringComparison.Ordinal);
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string entry)
    {
        await using var stream = await zip.GetEntry(entry)!.OpenAsync(Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    private static string Field(JObject answer, string field) =>
        string.Join("; ", answer["errors"]!.Where(e => (string?)e["field"] == field).Select(e => (string?)e["message"]));

    private static JToken Task(JObject request, string system) => request["tasks"]!.Single(t => (string?)t["system"] == system);

    private static string[] Outcomes(JObject request, string system) =>
        [.. Task(request, system)["categories"]!.Select(c => (string)c["outcome"]!)];

    private static JObject Form(RealSystems systems, string type, string? ground) => new()
    {
        ["requestType"] = type,
        ["subjectName"] = "Ingrid Wiring",
        ["subjectEmail"] = systems.Email,
        ["legalEntity"] = "wiring-no",
        ["receivedOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["identityVerification"] = "bankid",
        ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
        ["restrictionGround"] = ground,
    };
}
