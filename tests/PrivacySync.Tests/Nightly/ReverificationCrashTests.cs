using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// Erasing again after re-verification, with the process dying right after the system erased (before the outcome is
/// on the trail), over real storage (a private Azurite): the rerun of the night finishes it with the same idempotency
/// key, states what the first call erased (never "not found"), keeps every event once and signs one addendum.
/// </summary>
public sealed class ReverificationCrashTests : IAsyncLifetime
{
    private const string RequestId = "req-again-1";
    private const string SystemId = "crm";
    private static readonly DateOnly CompletedOn = new(2032, 3, 1);
    private static readonly DateOnly Night = CompletedOn.AddDays(2);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(Night.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
    private readonly ComesBack system = new();
    private PrivateAzurite storage = null!;
    private TableAuditLog audit = null!;
    private BlobOutputStore outputs = null!;
    private TableRequestStore requests = null!;
    private TableTaskStore tasks = null!;
    private BlobSubjectStore subjects = null!;
    private System.Security.Cryptography.ECDsa key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        storage = await PrivateAzurite.StartAsync(Ct);
        var clients = StorageClients.FromConnectionString(storage.ConnectionString);
        audit = new TableAuditLog(clients, TestAudit.Chain, time);
        outputs = new BlobOutputStore(clients);
        requests = new TableRequestStore(clients);
        tasks = new TableTaskStore(clients);
        subjects = new BlobSubjectStore(clients);
        await audit.EnsureCreatedAsync(Ct);
        await outputs.EnsureCreatedAsync(Ct);
        await requests.EnsureCreatedAsync(Ct);
        await tasks.EnsureCreatedAsync(Ct);
        await subjects.EnsureCreatedAsync(Ct);
        key = CertificateKeys.GenerateDevelopmentKey();

        var completedAt = new DateTimeOffset(CompletedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        Assert.True(await requests.TryCreateAsync(
            new DataSubjectRequest
            {
                RequestId = RequestId, Type = RequestType.Erasure, LegalEntityId = "acme-no", ReceivedOn = CompletedOn.AddDays(-3), DueOn = CompletedOn.AddDays(27),
                Status = RequestStatus.Completed, SubmittedBy = "officer-1", SubmissionId = Guid.NewGuid().ToString(), Verification = IdentityVerification.BankId,
                Language = Language.NorwegianBokmal, CreatedAt = completedAt.AddDays(-3), UpdatedAt = completedAt, CompletedAt = completedAt,
                Outputs = [AddendumIssuer.CertificateFile],
            },
            Ct));
        Assert.True(await tasks.TryCreateAsync(
            SystemTask.Plan(RequestId, SystemId, completedAt) with
            {
                Status = SystemTaskStatus.Succeeded, Outcome = new SystemOutcome([new CategoryOutcome("contact", OutcomeKind.Erased, 1)]),
            },
            Ct));
        await subjects.SaveAsync(RequestId, new SubjectIdentity("ingrid.bakke@example.com"), Ct);
        await audit.AppendAsync(new AuditEntry(RequestId, AuditActors.System, AuditActions.Completed, Outcome: "completed"), Ct);
        await outputs.SeedCertificateAsync(RequestId, key, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        key?.Dispose();
        await storage.DisposeAsync();
    }

    [Fact]
    public async Task ACrashBetweenTheEraseAndItsOutcomeIsFinishedByTheRerunWithTheSameKeyAndStatesWhatWasErased()
    {
        system.CrashAfterErasing = true;
        await Assert.ThrowsAsync<ProcessDied>(() => InspectAsync());
        Assert.Equal(0, system.Held);
        var crashed = await audit.ReadAsync(RequestId, Ct);
        var intent = Assert.Single(crashed, e => e.Action == AuditActions.FoundAfterErasure);
        Assert.Equal("erasing-again", intent.Outcome);
        Assert.DoesNotContain("ingrid", intent.Details!["found"], StringComparison.OrdinalIgnoreCase);
        Assert.Null(await AddendumAsync());

        system.CrashAfterErasing = false;
        var findings = await InspectAsync();

        Assert.Equal(2, system.Keys.Count);
        Assert.Single(system.Keys.Distinct(StringComparer.Ordinal)); // the same idempotency key both times
        var finding = Assert.Single(findings);
        Assert.Equal((FindingKind.FoundAfterErasure, SystemId), (finding.Kind, finding.SystemId));
        Assert.Contains("contact erased (2)", finding.Repaired, StringComparison.Ordinal); // not "not-found": the first call erased it
        var trail = await audit.ReadAsync(RequestId, Ct);
        Assert.Equal(["erasing-again", "erased-again"], trail.Where(e => e.Action == AuditActions.FoundAfterErasure).Select(e => e.Outcome));
        var verdict = CertificateVerifier.Verify((await AddendumAsync())!, CertificateKeys.ExportPublicKeyPem(key));
        Assert.Equal(VerificationStatus.Valid, verdict.Status);
        var category = verdict.Document!["systems"]![0]!["categories"]![0]!;
        Assert.Equal(("contact", "erased", 2L), ((string)category["category"]!, (string)category["outcome"]!, (long)category["recordCount"]!));
        Assert.Equal(trail[^1].Head, StatedDocument.ReadAuditHead(verdict.Document));
        Assert.True(TestAudit.Chain.Verify(trail).IsValid);
        Assert.Contains(AddendumIssuer.FileName(Night, AddendumReason.FoundAgain), (await requests.GetAsync(RequestId, Ct))!.Value.Outputs);

        // A third run the same night changes nothing: no erase, no event, the same addendum.
        var addendum = await AddendumAsync();
        Assert.Empty(await InspectAsync());
        Assert.Equal(2, system.Keys.Count);
        Assert.Equal(trail.Count, (await audit.ReadAsync(RequestId, Ct)).Count);
        Assert.Equal(addendum, await AddendumAsync());
    }

    [Fact]
    public async Task ACrashAfterTheOutcomeIsRecordedIssuesTheAddendumWithoutErasingAgain()
    {
        var crashing = new CrashOnAddendumOutputs(outputs);
        await Assert.ThrowsAsync<ProcessDied>(() => InspectAsync(crashing));
        Assert.Contains(await audit.ReadAsync(RequestId, Ct), e => e.Outcome == "erased-again");

        var findings = await InspectAsync();

        Assert.Single(system.Keys);
        Assert.Empty(findings); // nothing is found again: the addendum of what was erased is issued
        var verdict = CertificateVerifier.Verify((await AddendumAsync())!, CertificateKeys.ExportPublicKeyPem(key));
        Assert.Equal(VerificationStatus.Valid, verdict.Status);
        Assert.Equal("erased", (string)verdict.Document!["systems"]![0]!["categories"]![0]!["outcome"]!);
        Assert.Single(await audit.ReadAsync(RequestId, Ct), e => e.Outcome == "erased-again");
    }

    private Task<IReadOnlyList<Finding>> InspectAsync(IOutputStore? store = null) => InspectCoreAsync(store ?? outputs);

    private async Task<IReadOnlyList<Finding>> InspectCoreAsync(IOutputStore store)
    {
        var configuration = TestOptions.Valid();
        configuration = configuration with
        {
            LegalEntities = [.. configuration.LegalEntities.Select(e => e.Id == "acme-no" ? e with { Reverification = new ReverificationOptions { Days = 30, EraseAgain = true } } : e)],
        };
        var duty = new Reverification(tasks, subjects, new OneConnector(system), configuration,
            new AddendumIssuer(store, requests, new Lazy<CertificateSigner>(() => new CertificateSigner(key)), time), audit);
        var request = (await requests.GetAsync(RequestId, Ct))!.Value;
        return await duty.InspectAsync(request, new NightlyContext(Night, time.GetUtcNow(), DryRun: false), Ct);
    }

    private Task<string?> AddendumAsync() => outputs.ReadTextAsync(RequestId, AddendumIssuer.FileName(Night, AddendumReason.FoundAgain), Ct);

    /// <summary>The output store of a process that dies when it is about to write an addendum.</summary>
    private sealed class CrashOnAddendumOutputs(IOutputStore inner) : IOutputStore
    {
        public Task<bool> TryCreateAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken) =>
            AddendumIssuer.IsAddendumFile(fileName) ? throw new ProcessDied() : inner.TryCreateAsync(requestId, fileName, content, contentType, cancellationToken);

        public Task<OutputContent?> OpenAsync(string requestId, string fileName, CancellationToken cancellationToken) =>
            inner.OpenAsync(requestId, fileName, cancellationToken);

        public Task<string> SaveAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken) =>
            inner.SaveAsync(requestId, fileName, content, contentType, cancellationToken);

        public Task<bool> DeleteAsync(string requestId, string fileName, CancellationToken cancellationToken) => inner.DeleteAsync(requestId, fileName, cancellationToken);
    }

    /// <summary>
    /// A system where the subject came back with two contact records: discovery finds them while they are held, the
    /// erase removes them (a second erase finds nothing), optionally dying right after it erased. Records each key.
    /// </summary>
    private sealed class ComesBack : IConnector, IIdempotentEraser
    {
        public string Kind => "comes-back";

        public int Held { get; private set; } = 2;

        public List<string> Keys { get; } = [];

        public bool CrashAfterErasing { get; set; }

        public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, string idempotencyKey, CancellationToken cancellationToken)
        {
            Keys.Add(idempotencyKey);
            var erased = Held;
            Held = 0;
            var outcome = new SystemOutcome([erased == 0 ? CategoryOutcome.NotFound("contact") : new CategoryOutcome("contact", OutcomeKind.Erased, erased)]);
            return CrashAfterErasing ? throw new ProcessDied() : Task.FromResult(outcome);
        }

        public Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
            Task.FromResult(Held == 0 ? DiscoveryResult.Absent() : new DiscoveryResult(true, [new DataCategory("contact", Held, "Customer relationship", "Art. 6(1)(b)")]));

        public Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
