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
}
