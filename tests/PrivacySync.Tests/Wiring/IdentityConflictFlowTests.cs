using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// Identity conflicts end to end with the real connectors and the published app: a task stops before any erasure,
/// the request waits, an officer's resolve-identity decision reruns it, and the certificate says what happened.
/// </summary>
public sealed class IdentityConflictFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The reported bug: an erasure for an address found nowhere with another employee's number erased that employee
    // and issued "completed".
    [Fact]
    public async Task AnErasureForAnUnknownAddressWithAnEmployeesNumberWaitsForAnOfficerAndErasesNoOne()
    {
        await using var systems = await RealSystems.StartAsync();
        var employee = systems.Employee;
        var (id, _) = await systems.SubmitAsync("erasure", f =>
        {
            f["subjectEmail"] = $"nobody.{Guid.NewGuid():N}@example.com";
            f["subjectName"] = "Someone Else";
            f["employeeId"] = employee.EmployeeNumber;
            f["language"] = "nb"; // what the subject is told comes in the request's language
        });
        await systems.DecideAsync(id, "approve", RealSystems.Approver);

        await systems.WaitUntilAsync(async () => (await systems.TasksAsync(id)).Any(t => t.SystemId == "hr-db" && t.Status == SystemTaskStatus.IdentityConflict),
            "the HR task stopping on an identity conflict");
        await systems.WaitUntilAsync(async () => (await systems.TasksAsync(id)).Count(t => t.IsTerminal) == 3, "the other systems finishing");
        var waiting = await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK);
        Assert.Equal("collecting", (string?)waiting["status"]);
        var hr = Assert.Single((JArray)waiting["tasks"]!, t => (string?)t["system"] == "hr-db");
        Assert.Equal("identity-conflict", (string?)hr["status"]);
        var match = Assert.Single((JArray)hr["identity"]!["matches"]!);
        Assert.Equal($"employees/{employee.EmployeeId}", (string?)match["record"]);
        Assert.Equal(["employee-id"], match["matchedBy"]!.Values<string>());
        Assert.Equal(employee.Email, (string?)await systems.HrDatabase.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", employee.EmployeeId));
        Assert.Null(Assert.Single(await systems.TasksAsync(id), t => t.SystemId == "hr-db").Intent); // no erasure intent before the identity is settled

        // Decisions the conflict does not allow are refused and change nothing.
        await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision",
            Decision(new JObject { ["confirm"] = "employees/999999999" }, "hr-db"), HttpStatusCode.BadRequest, RealSystems.Approver);
        await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision",
            Decision(new JObject { ["drop"] = "employee-id" }, "crm"), HttpStatusCode.Conflict, RealSystems.Approver);
        await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision",
            Decision(new JObject { ["drop"] = "phone" }, "hr-db"), HttpStatusCode.BadRequest, RealSystems.Approver);

        // The officer drops the employee number: the HR task runs again without it and finds no one.
        var decided = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision",
            Decision(new JObject { ["drop"] = "employee-id" }, "hr-db"), HttpStatusCode.OK, RealSystems.Approver);
        Assert.NotEqual("identity-conflict", (string?)Assert.Single((JArray)decided["tasks"]!, t => (string?)t["system"] == "hr-db")["status"]);
        var request = await systems.WaitForCompletionAsync(id);

        Assert.Equal(employee.Email, (string?)await systems.HrDatabase.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", employee.EmployeeId));
        Assert.Equal(1, await systems.HrDatabase.CountAsync("SELECT COUNT(*) FROM training WHERE employee_id = @a", employee.EmployeeId));
        var signed = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, OutputFiles.Certificate));
        var key = await systems.SendAsync(HttpMethod.Get, "/api/certificates/key", null, HttpStatusCode.OK);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(signed, (string)key["publicKeyPem"]!).Status);
        var certificate = JObject.Parse(signed);
        var stated = Assert.Single(certificate.SelectTokens("$..systems[*]"), s => (string?)s["systemId"] == "hr-db");
        // In Norwegian, and true to what happened: the number was set aside and nothing else reached anyone.
        Assert.Contains("til en annen person", (string?)stated["identity"], StringComparison.Ordinal);
        Assert.Contains("ingenting ble endret der", (string?)stated["identity"], StringComparison.Ordinal);
        Assert.All(stated["categories"]!, c => Assert.Equal("not-found", (string?)c["outcome"]));
        var letter = System.Text.Encoding.UTF8.GetString(await systems.DownloadAsync(id, OutputFiles.Letter));
        Assert.Contains("ingenting ble endret der", letter, StringComparison.Ordinal);
        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.Single(events, e => e.Action == AuditActions.TaskIdentityConflict && e.SystemId == "hr-db");
        var resolved = Assert.Single(events, e => e.Action == AuditActions.IdentityResolved);
        Assert.Equal(RealSystems.Approver, resolved.Actor);
        Assert.Equal("employee-id", resolved.Details!["drop"]);
    }

    [Fact]
    public async Task NoSeededIdentifierAppearsInAnyLogLineOfTheHostOrWorker()
    {
        await using var systems = await RealSystems.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["AzureFunctionsJobHost:logging:logLevel:default"] = "Debug",
        });
        var employee = systems.Employee;
        void Seeded(JObject form)
        {
            form["subjectName"] = $"{employee.FirstName} {employee.LastName}";
            form["employeeId"] = employee.EmployeeNumber;
        }

        var (access, _) = await systems.SubmitAsync("access", Seeded);
        Assert.Equal("completed", (string?)(await systems.WaitForCompletionAsync(access))["status"]);
        var (erasure, _) = await systems.SubmitAsync("erasure", Seeded);
        await systems.DecideAsync(erasure, "approve", RealSystems.Approver);
        Assert.Equal("completed", (string?)(await systems.WaitForCompletionAsync(erasure))["status"]);

        var lines = systems.AppOutput.Split('\n');
        Assert.Contains(lines, l => l.Contains(erasure, StringComparison.Ordinal)); // the scan reads real log lines of these requests
        foreach (var seeded in new[] { systems.Email, $"{employee.FirstName} {employee.LastName}", employee.EmployeeNumber, employee.NationalId, employee.Email })
        {
            Assert.DoesNotContain(lines, l => l.Contains(seeded, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static JObject Decision(JObject identity, string system)
    {
        identity["decision"] = "resolve-identity";
        identity["system"] = system;
        return identity;
    }
}
