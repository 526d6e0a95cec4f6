using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Certificates;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Core.Audit;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// End to end with the real connectors: requests posted to the HTTP API travel the queues on Azurite to HubSpot,
/// Microsoft 365 (Graph), an on-premises HR database (served by the on-premises instance) and an HR REST system, and
/// come back as one export package or one verifiable deletion certificate — the published app under the local host.
/// </summary>
public sealed class RealConnectorFlowTests
{
    private static readonly string[] SystemIds = ["crm", "m365", "hr-db", "hr-api"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AccessRequestExportsThePersonFromEverySystemIntoOnePackage()
    {
        await using var systems = await RealSystems.StartAsync();

        var (id, _) = await systems.SubmitAsync("access");
        var request = await systems.WaitForCompletionAsync(id);

        Assert.True((string?)request["status"] == "completed", request.ToString());
        Assert.Equal(SystemIds.Order(), request["tasks"]!.Select(t => (string)t["system"]!).Order());
        using var package = new MemoryStream(await systems.DownloadAsync(id, "export.zip"));
        var verification = await ExportPackageReader.VerifyAsync(package, Ct);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        package.Position = 0;
        using var zip = new ZipArchive(package, ZipArchiveMode.Read);
        foreach (var system in SystemIds)
        {
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith($"systems/{system}/", StringComparison.Ordinal) && e.Name.EndsWith(".json", StringComparison.Ordinal));
        }

        var files = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(files, f => f.StartsWith("systems/crm/deals", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("systems/crm/engagements", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("systems/m365/mail", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("systems/hr-db/Payroll", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("systems/hr-api/Training", StringComparison.Ordinal));

        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Completed);
        Assert.DoesNotContain(events, e => Newtonsoft.Json.JsonConvert.SerializeObject(e).Contains(systems.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ErasureApprovedByASecondOfficerRemovesThePersonAndEndsWithAVerifiedCertificate()
    {
        await using var systems = await RealSystems.StartAsync();

        var (id, submitted) = await systems.SubmitAsync("erasure");
        Assert.Equal("awaiting-approval", submitted);
        var approved = await systems.DecideAsync(id, "approve", RealSystems.Approver);
        Assert.Equal("dispatched", (string?)approved["status"]);
        var request = await systems.WaitForCompletionAsync(id);

        Assert.True((string?)request["status"] == "completed", request.ToString());
        var certificate = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, "certificate.json"));
        var key = await systems.SendAsync(HttpMethod.Get, "/api/certificates/key", null, HttpStatusCode.OK);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(certificate, (string)key["publicKeyPem"]!).Status);
        var tampered = certificate.Replace("\"retained\"", "\"erased\"", StringComparison.Ordinal);
        Assert.NotEqual(certificate, tampered);
        Assert.Equal(VerificationStatus.Tampered, CertificateVerifier.Verify(tampered, (string)key["publicKeyPem"]!).Status);
        Assert.DoesNotContain(systems.Email, certificate, StringComparison.OrdinalIgnoreCase);
        foreach (var system in SystemIds)
        {
            Assert.Contains($"\"{system}\"", certificate, StringComparison.Ordinal);
        }

        // HubSpot: the contact is gone (GDPR delete); the deal is a business record and stays.
        var (contact, _, _) = await systems.HubSpot.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{Uri.EscapeDataString(systems.Email)}?idProperty=email");
        Assert.Equal(HttpStatusCode.NotFound, contact);
        Assert.Equal(HttpStatusCode.OK, (await systems.HubSpot.SendAsync(HttpMethod.Get, $"crm/v3/objects/deals/{systems.DealId}")).Status);

        // Microsoft 365: a former employee's account is deleted (soft, restorable until the nightly purge).
        Assert.False(systems.Graph.Tenant.UserExists(systems.GraphUserId));
        Assert.True(systems.Graph.Tenant.DeletedUserExists(systems.GraphUserId));

        // HR database, per the mapping: the expired payslip is deleted, the one within the bookkeeping period is
        // retained, training is anonymised away from the person, contact details are pseudonymised.
        var db = systems.HrDatabase;
        var employee = systems.Employee.EmployeeId;
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", employee));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM training WHERE employee_id = @a", employee));
        Assert.StartsWith(HrHashing.PseudonymPrefix, (string?)await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", employee));
        Assert.Null(await db.ScalarAsync("SELECT bank_account FROM employees WHERE employee_id = @a", employee));

        // HR REST system: erased once, under the task's identity as idempotency key.
        var store = systems.HrRest.Services.GetRequiredService<HrRestStore>();
        Assert.Equal(1, store.ErasuresExecuted);
        var claim = store.Claim($"{id}/hr-api", "", out var isNew);
        Assert.False(isNew);
        Assert.NotNull(claim.Response);
    }

    [Fact]
    public async Task ObjectionReachesOnlyTheSystemsEnabledForItAndEndsWithAVerifiedConfirmation()
    {
        await using var systems = await RealSystems.StartAsync();

        var (id, _) = await systems.SubmitAsync("objection");
        var request = await systems.WaitForCompletionAsync(id);

        Assert.True((string?)request["status"] == "completed", request.ToString());
        Assert.Equal(["crm"], request["tasks"]!.Select(t => (string)t["system"]!));
        var confirmation = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, "confirmation.json"));
        var key = await systems.SendAsync(HttpMethod.Get, "/api/certificates/key", null, HttpStatusCode.OK);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(confirmation, (string)key["publicKeyPem"]!).Status);
        Assert.Contains("unsubscribed", confirmation, StringComparison.Ordinal);
        Assert.Equal(0, systems.HrRest.Services.GetRequiredService<HrRestStore>().ErasuresExecuted);
    }

    [Fact]
    public async Task RectificationApprovedByASecondOfficerCorrectsEachSystemAsAllowedStoresHostileValuesAsDataAndEndsWithAVerifiedConfirmation()
    {
        await using var systems = await RealSystems.StartAsync();
        const string Phone = "+47 911 22 333";
        const string Title = "O'Brien \"Lead\" <script>alert(1)</script>";
        const string Account = "'; DROP TABLE employees; --";

        // Bad corrections are refused field by field, and nothing is created.
        var refused = await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "rectification", "shoeSize: 42\nphone"), HttpStatusCode.BadRequest);
        Assert.Contains("line 1: 'shoeSize' is not a field", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("line 2: must be 'field: new value'", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("only for a rectification", (await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "access", "phone: 1"), HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
        Assert.Contains("is required for a rectification", (await systems.SendAsync(HttpMethod.Post, "/api/requests", Form(systems, "rectification", null), HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
        Assert.Empty((await systems.SendAsync(HttpMethod.Get, "/api/requests", null, HttpStatusCode.OK))["items"]!);

        var (id, submitted) = await systems.SubmitAsync("rectification", form => form["corrections"] = $"phone: {Phone}\njob-title: {Title}\nbank-account: {Account}\nbirth-date: 1990-01-01");
        Assert.Equal("awaiting-approval", submitted); // it changes data: four eyes, as for erasure
        Assert.Equal("dispatched", (string?)(await systems.DecideAsync(id, "approve", RealSystems.Approver))["status"]);
        var request = await systems.WaitForCompletionAsync(id);

        // Microsoft 365 and the HR REST system cannot correct by API: manual steps, so the request completes with exceptions.
        Assert.True((string?)request["status"] == "completed-with-exceptions", request.ToString());
        string? Outcome(string system, string field) => (string?)Task(request, system)["categories"]!.Single(c => (string?)c["field"] == field)["outcome"];
        Assert.Equal(["rectified", "rectified", "refused", "refused"], new[] { "phone", "job-title", "bank-account", "birth-date" }.Select(f => Outcome("crm", f)));
        Assert.Equal(["rectified", "refused", "rectified", "refused"], new[] { "phone", "job-title", "bank-account", "birth-date" }.Select(f => Outcome("hr-db", f)));
        Assert.Equal("manual-action-required", Outcome("m365", "phone"));
        Assert.Equal("manual-action-required", Outcome("hr-api", "phone"));
        string Reason(string system, string field) => (string)Task(request, system)["categories"]!.Single(c => (string?)c["field"] == field)["reason"]!;
        Assert.Contains("not among its configured rectifiable fields", Reason("hr-db", "job-title"), StringComparison.Ordinal);
        Assert.Contains("not text", Reason("hr-db", "birth-date"), StringComparison.Ordinal);
        var instructions = (string)Task(request, "m365")["categories"]!.Single(c => (string?)c["field"] == "phone")["instructions"]!;
        Assert.Contains(systems.GraphUserId, instructions, StringComparison.Ordinal);
        Assert.Contains("'mobilePhone'", instructions, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, request.ToString(), StringComparison.Ordinal);

        // HubSpot holds the new values through its API; the hostile text is a value, as written.
        var (_, contact, _) = await systems.HubSpot.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{systems.ContactId}?properties=phone,jobtitle");
        Assert.Equal(Phone, (string?)contact!["properties"]!["phone"]);
        Assert.Equal(Title, (string?)contact["properties"]!["jobtitle"]);

        // The HR row is updated through a parameter: the quote and the DROP TABLE are stored as data, the table is there.
        var employee = systems.Employee.EmployeeId;
        Assert.Equal(Phone, await systems.HrDatabase.ScalarAsync("SELECT private_phone FROM employees WHERE employee_id = @a", employee));
        Assert.Equal(Account, await systems.HrDatabase.ScalarAsync("SELECT bank_account FROM employees WHERE employee_id = @a", employee));
        Assert.Equal(1, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM employees WHERE employee_id = @a", employee));

        // The signed confirmation verifies, names fields but no values, and lists the CRM category's recipient (Art. 19).
        var confirmation = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, "confirmation.json"));
        var key = await systems.SendAsync(HttpMethod.Get, "/api/certificates/key", null, HttpStatusCode.OK);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(confirmation, (string)key["publicKeyPem"]!).Status);
        var body = (JObject)JObject.Parse(confirmation)[SignedEnvelope.BodyProperty]!;
        Assert.Equal(RectificationConfirmation.DocumentType, (string?)body["documentType"]);
        Assert.Equal("Wiring Events Ltd", (string?)body["recipientsToNotify"]!.Single()["recipient"]);
        foreach (var secret in new[] { Phone, Account, systems.Email, "DROP TABLE" })
        {
            Assert.DoesNotContain(secret, confirmation, StringComparison.Ordinal);
        }

        var letter = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, "letter.html"));
        Assert.Contains("Confirmation of your request for rectification", letter, StringComparison.Ordinal);
        Assert.Contains("Wiring Events Ltd", letter, StringComparison.Ordinal);
        Assert.Contains("privacysync verify confirmation.json", letter, StringComparison.Ordinal);
        var tasks = JObject.Parse(System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, "recipient-tasks.json")));
        var task = tasks["tasks"]!.Single();
        Assert.Equal("Wiring Events Ltd", (string?)task["recipient"]);
        Assert.Equal("open", (string?)task["status"]);
        Assert.Equal(["job-title", "phone"], task["fields"]!.Select(f => (string)f!));
    }

    private static JToken Task(JObject request, string system) => request["tasks"]!.Single(t => (string?)t["system"] == system);

    private static JObject Form(RealSystems systems, string type, string? corrections) => new()
    {
        ["requestType"] = type,
        ["subjectName"] = "Ingrid Wiring",
        ["subjectEmail"] = systems.Email,
        ["legalEntity"] = "wiring-no",
        ["receivedOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["identityVerification"] = "bankid",
        ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
        ["corrections"] = corrections,
    };
}
