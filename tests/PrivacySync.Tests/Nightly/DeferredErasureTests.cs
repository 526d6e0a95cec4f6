using System.Net;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Cli;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Tests.Cli;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// Deferred erasures end to end: an erasure through the published app and the real systems leaves retained categories
/// with end dates in PrivacySync's own state; the reconciliation of a night after those dates erases them through the
/// connectors (HubSpot by the deal's id, the HR database by its root keys, the HR REST system by its record id) and signs an addendum to the certificate.
/// The nights are driven by a fake clock and <c>--date</c>.
/// </summary>
public sealed class DeferredErasureTests
{
    private static readonly DateOnly LastRetainedDay = new(2031, 12, 31);
    private static readonly DateOnly NightAfter = new(2032, 1, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ErasesRetainedCategoriesOnceTheirRetentionHasEndedAndAddsASignedAddendumToTheCertificate()
    {
        await using var subject = await ErasedSubject.StartAsync();
        var store = subject.Systems.Service<IDeferredErasureStore>();
        var scheduled = (await store.ListForRequestAsync(subject.RequestId, Ct)).Select(r => r.Value).ToList();
        var deals = Assert.Single(scheduled, r => r.SystemId == "crm");
        Assert.Equal(("deals", LastRetainedDay, DeferredErasureStatus.Scheduled), (deals.Category, deals.RetainedUntil, deals.Status));
        Assert.Equal([subject.Systems.DealId], deals.Keys);
        Assert.Contains(scheduled, r => r.SystemId == "hr-db" && r.Keys.Count > 0);
        var hrApi = Assert.Single(scheduled, r => r.SystemId == "hr-api");
        Assert.Equal(("Payroll", LastRetainedDay, 1), (hrApi.Category, hrApi.RetainedUntil, hrApi.Keys.Count)); // the HR system's record id
        Assert.Contains("\"retainedUntil\": \"2031-12-31\"", subject.Certificate, StringComparison.Ordinal);

        // The deals' last retained day: still kept. The HR database's payroll (kept five years after the fiscal year of
        // the last payslip) has ended before it and is erased that night, with an addendum of its own.
        var (early, earlyOutput, _) = await subject.ReconcileAsync(LastRetainedDay);
        Assert.Equal(ExitCodes.Success, early);
        Assert.DoesNotContain("deferred-erasure\t" + subject.RequestId + " [crm]", earlyOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("[hr-api]", earlyOutput, StringComparison.Ordinal);
        Assert.Contains("deferred-erasure\t" + subject.RequestId + " [hr-db]", earlyOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await subject.HubSpotStatusAsync($"crm/v3/objects/deals/{subject.Systems.DealId}"));
        var earlyAddendum = CertificateVerifier.Verify((await subject.OutputAsync(AddendumIssuer.FileName(LastRetainedDay, AddendumReason.RetentionEnded)))!, subject.PublicKeyPem);
        Assert.Equal(VerificationStatus.Valid, earlyAddendum.Status);
        var hr = Assert.Single(earlyAddendum.Document!["systems"]!);
        Assert.Equal("hr-db", (string?)hr["systemId"]);
        Assert.All(hr["categories"]!, c => Assert.Equal("erased", (string)c["outcome"]!));

        var (code, output, _) = await subject.ReconcileAsync(NightAfter);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(HttpStatusCode.NotFound, await subject.HubSpotStatusAsync($"crm/v3/objects/deals/{subject.Systems.DealId}"));
        Assert.Contains("deferred-erasure\t" + subject.RequestId + " [crm]", output, StringComparison.Ordinal);
        // The HR REST system erases the payroll it held back by the record id it named at erasure (erase-retained).
        Assert.Contains("deferred-erasure\t" + subject.RequestId + " [hr-api]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("deferred-erasure-failed", output, StringComparison.Ordinal);
        var hrSystem = subject.Systems.HrRest.Services.GetRequiredService<HrRestStore>();
        var held = Assert.Single(hrSystem.Find(new JObject { ["email"] = subject.Systems.Email }));
        Assert.Empty((JArray)held.Categories.Children<JObject>().Single(c => (string?)c["name"] == "Payroll")["records"]!);

        var addendum = await subject.OutputAsync(AddendumIssuer.FileName(NightAfter, AddendumReason.RetentionEnded));
        Assert.NotNull(addendum);
        var verdict = CertificateVerifier.Verify(addendum, subject.PublicKeyPem);
        Assert.Equal(VerificationStatus.Valid, verdict.Status);
        var certificate = CertificateVerifier.Verify(subject.Certificate, subject.PublicKeyPem);
        Assert.True(CertificateAddendum.References(verdict.Document!, certificate.Document!));
        Assert.Equal(CertificateAddendum.DocumentType, (string?)verdict.Document!["documentType"]);
        Assert.Equal(certificate.Document!["subjectReference"], verdict.Document["subjectReference"]);
        var stated = verdict.Document["systems"]!.ToDictionary(s => (string)s["systemId"]!, s => (JArray)s["categories"]!);
        Assert.Equal(["crm", "hr-api"], stated.Keys);
        Assert.Equal(("deals", "erased", 1L), ((string)stated["crm"][0]["category"]!, (string)stated["crm"][0]["outcome"]!, (long)stated["crm"][0]["recordCount"]!));
        Assert.Equal(("Payroll", "erased", 1L), ((string)stated["hr-api"][0]["category"]!, (string)stated["hr-api"][0]["outcome"]!, (long)stated["hr-api"][0]["recordCount"]!));
        Assert.DoesNotContain(subject.Systems.Email, addendum, StringComparison.OrdinalIgnoreCase);

        var after = (await store.ListForRequestAsync(subject.RequestId, Ct)).Select(r => r.Value).ToList();
        Assert.Equal((DeferredErasureStatus.Executed, (string?)verdict.Document["addendumId"]), (Assert.Single(after, r => r.SystemId == "crm").Status, after.Single(r => r.SystemId == "crm").AddendumId));
        Assert.All(after.Where(r => r.SystemId == "hr-db"), r => Assert.Equal((DeferredErasureStatus.Executed, (string?)earlyAddendum.Document["addendumId"]), (r.Status, r.AddendumId)));
        Assert.Equal(DeferredErasureStatus.Executed, Assert.Single(after, r => r.SystemId == "hr-api").Status);

        var events = await subject.Systems.Service<IAuditLog>().ReadAsync(subject.RequestId, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Equal(["crm", "hr-api", "hr-db"], events.Where(e => e.Action == AuditActions.DeferredErasure).Select(e => e.SystemId).Order());
        // Each addendum carries the chain's head after its own erasure's events, later than the certificate's.
        var head = StatedDocument.ReadAuditHead(verdict.Document);
        var lastEvent = events.Where(e => e.Action == AuditActions.DeferredErasure && e.SystemId is "crm" or "hr-api").MaxBy(e => e.Sequence)!;
        Assert.Equal(lastEvent.Head, head);
        Assert.True(head!.Sequence > StatedDocument.ReadAuditHead(certificate.Document!)!.Sequence);

        // The command line verifies the addendum, and that it belongs to this certificate and no other.
        var folder = Directory.CreateTempSubdirectory("privacysync-addendum-").FullName;
        try
        {
            var addendumPath = Path.Combine(folder, "addendum.json");
            var certificatePath = Path.Combine(folder, "certificate.json");
            var otherPath = Path.Combine(folder, "other.json");
            var keyPath = Path.Combine(folder, "public.pem");
            await File.WriteAllTextAsync(addendumPath, addendum, Ct);
            await File.WriteAllTextAsync(certificatePath, subject.Certificate, Ct);
            await File.WriteAllTextAsync(keyPath, subject.PublicKeyPem, Ct);
            using (var key = CertificateKeys.LoadPrivateKeyPem(subject.Systems.CloudSettings["PrivacySync:SigningKeyPem"]!))
            {
                var other = (JObject)certificate.Document!.DeepClone();
                other["issuedAt"] = "2026-01-01T00:00:00.000Z";
                await File.WriteAllTextAsync(otherPath, new CertificateSigner(key).Sign(other), Ct);
            }

            // The operator's shell has the storage account and the audit key, so --audit checks the trail up to the addendum's head.
            var cli = new CliRunner(subject.Systems.CloudSettings);
            Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify", addendumPath, "--certificate", certificatePath, "--key", keyPath, "--audit"));
            Assert.Contains("belongs to certificate", cli.Output, StringComparison.Ordinal);
            Assert.Contains($"holds the known head, event {head.Sequence}", cli.Output, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify", addendumPath, "--certificate", otherPath, "--key", keyPath));
            Assert.Contains("another certificate", cli.Output, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", certificatePath, "--certificate", certificatePath, "--key", keyPath));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ASecondRunForTheSameNightChangesNothingAndSaysSo()
    {
        await using var subject = await ErasedSubject.StartAsync();
        var (first, _, _) = await subject.ReconcileAsync(NightAfter);
        Assert.Equal(ExitCodes.Success, first);
        var addendum = await subject.OutputAsync(AddendumIssuer.FileName(NightAfter, AddendumReason.RetentionEnded));
        var events = await subject.Systems.Service<IAuditLog>().ReadAsync(subject.RequestId, Ct);
        var rows = (await subject.Systems.Service<IDeferredErasureStore>().ListForRequestAsync(subject.RequestId, Ct)).Select(r => r.ETag).Order().ToList();

        var (second, output, _) = await subject.ReconcileAsync(NightAfter, new FakeTimeProvider(new DateTimeOffset(2032, 1, 1, 3, 0, 0, TimeSpan.Zero)));

        Assert.Equal(ExitCodes.Success, second);
        Assert.Contains("2032-01-01 was already reconciled", output, StringComparison.Ordinal);
        Assert.Contains("nothing changed", output, StringComparison.Ordinal);
        Assert.Contains("deferred-erasure", output, StringComparison.Ordinal); // what the first run found, by kind
        Assert.Equal(addendum, await subject.OutputAsync(AddendumIssuer.FileName(NightAfter, AddendumReason.RetentionEnded)));
        Assert.Equal(events.Count, (await subject.Systems.Service<IAuditLog>().ReadAsync(subject.RequestId, Ct)).Count);
        Assert.Equal(rows, (await subject.Systems.Service<IDeferredErasureStore>().ListForRequestAsync(subject.RequestId, Ct)).Select(r => r.ETag).Order());
    }

    [Fact]
    public async Task ARerunAfterACrashFinishesTheErasureAndItsAddendum()
    {
        await using var subject = await ErasedSubject.StartAsync();
        var clients = StorageClients.FromConnectionString(subject.Systems.Storage.ConnectionString);
        var crashedAt = new DateTimeOffset(2032, 1, 1, 2, 0, 0, TimeSpan.Zero);
        // The crashed run claimed the night, marked HubSpot's deals as executing and archived the deal, then died.
        var runs = new TableReconciliationRunStore(clients);
        await runs.EnsureCreatedAsync(Ct);
        Assert.True(await runs.TryCreateAsync(new ReconciliationRun { Date = NightAfter, Status = ReconciliationRunStatus.Running, Attempts = 1, StartedAt = crashedAt }, Ct));
        var store = subject.Systems.Service<IDeferredErasureStore>();
        var deals = Assert.Single(await store.ListForRequestAsync(subject.RequestId, Ct), r => r.Value.SystemId == "crm");
        Assert.NotNull(await store.TryReplaceAsync(deals.Value with { Status = DeferredErasureStatus.Executing, Night = NightAfter }, deals.ETag, Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await subject.Systems.HubSpot.SendAsync(HttpMethod.Delete, $"crm/v3/objects/deals/{subject.Systems.DealId}")).Status);

        // Within the run lease the night belongs to the crashed run: nothing happens.
        var (_, waiting, _) = await subject.ReconcileAsync(NightAfter, new FakeTimeProvider(crashedAt.AddMinutes(30)));
        Assert.Contains("being reconciled by another run", waiting, StringComparison.Ordinal);
        Assert.Null(await subject.OutputAsync(AddendumIssuer.FileName(NightAfter, AddendumReason.RetentionEnded)));

        var (code, output, _) = await subject.ReconcileAsync(NightAfter, new FakeTimeProvider(crashedAt.AddHours(2)));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("deferred-erasure\t" + subject.RequestId + " [crm]", output, StringComparison.Ordinal);
        var addendum = await subject.OutputAsync(AddendumIssuer.FileName(NightAfter, AddendumReason.RetentionEnded));
        Assert.NotNull(addendum);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(addendum, subject.PublicKeyPem).Status);
        Assert.Contains("\"category\": \"deals\"", addendum, StringComparison.Ordinal);
        var finished = Assert.Single(await store.ListForRequestAsync(subject.RequestId, Ct), r => r.Value.SystemId == "crm").Value;
        Assert.Equal(DeferredErasureStatus.Executed, finished.Status);
        var run = (await runs.GetAsync(NightAfter, Ct))!.Value;
        Assert.Equal((ReconciliationRunStatus.Completed, 2), (run.Status, run.Attempts));
    }
}
