using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// The deferred erasure's crash windows over real storage (a private Azurite): a system that keeps its records by key
/// and erases each at most once, and a process that dies right after the system erased (before the outcome is
/// recorded) or right after the outcome is recorded (before the addendum). The rerun never erases twice, reports
/// what the first call erased (never "not found"), audits each system once and signs one addendum carrying the head.
/// </summary>
public sealed class DeferredErasureCrashTests : IAsyncLifetime
{
    private const string RequestId = "req-crash-1";
    private const string SystemId = "crm";
    private static readonly DateOnly Night = new(2032, 1, 1);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2032, 1, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly KeptRecords system = new(["deal-1", "deal-2"]);
    private PrivateAzurite storage = null!;
    private TableDeferredErasureStore rows = null!;
    private TableAuditLog audit = null!;
    private BlobOutputStore outputs = null!;
    private TableRequestStore requests = null!;
    private System.Security.Cryptography.ECDsa key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        storage = await PrivateAzurite.StartAsync(Ct);
        var clients = StorageClients.FromConnectionString(storage.ConnectionString);
        rows = new TableDeferredErasureStore(clients);
        audit = new TableAuditLog(clients, TestAudit.Chain, time);
        outputs = new BlobOutputStore(clients);
        requests = new TableRequestStore(clients);
        await rows.EnsureCreatedAsync(Ct);
        await audit.EnsureCreatedAsync(Ct);
        await outputs.EnsureCreatedAsync(Ct);
        await requests.EnsureCreatedAsync(Ct);
        key = CertificateKeys.GenerateDevelopmentKey();

        await audit.AppendAsync(new AuditEntry(RequestId, AuditActors.System, AuditActions.Completed, Outcome: "completed"), Ct);
        await outputs.SeedCertificateAsync(RequestId, key, Ct);
        await rows.ScheduleAsync(
            [new DeferredErasure
            {
                RequestId = RequestId, LegalEntityId = "acme-no", SystemId = SystemId, Category = "deals", RetainedUntil = Night.AddDays(-1),
                LegalBasis = "Art. 6(1)(c)", RecordCount = 2, Keys = ["deal-1", "deal-2"], Status = DeferredErasureStatus.Scheduled, ScheduledAt = time.GetUtcNow(),
            }],
            Ct);
    }

    public async ValueTask DisposeAsync()
    {
        key?.Dispose();
        await storage.DisposeAsync();
    }

    [Fact]
    public async Task ACrashBetweenTheEraseAndItsRecordIsFinishedWithoutErasingTwiceOrReportingNotFound()
    {
        system.CrashAfterErasing = true;
        await Assert.ThrowsAsync<ProcessDied>(() => Duty(rows).RunAsync(new NightlyContext(Night, time.GetUtcNow(), DryRun: false), Ct));
        Assert.Empty(system.Held);
        Assert.Equal(DeferredErasureStatus.Executing, (await RowAsync()).Status);
        Assert.Null(await AddendumAsync());

        system.CrashAfterErasing = false;
        var findings = await Duty(rows).RunAsync(new NightlyContext(Night, time.GetUtcNow(), DryRun: false), Ct);

        Assert.Equal(2, system.Calls);
        Assert.Equal(["deal-1", "deal-2"], system.Erased.Order(StringComparer.Ordinal)); // each once
        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.DeferredErasure, finding.Kind);
        Assert.Contains("deals erased (2)", finding.Repaired, StringComparison.Ordinal);
        await AssertStatedOnceAsync();
    }

    [Fact]
    public async Task ACrashAfterTheOutcomeIsRecordedIsFinishedWithoutCallingTheSystemAgain()
    {
        var crashing = new CrashAfterErasedRecord(rows);
        await Assert.ThrowsAsync<ProcessDied>(() => Duty(crashing).RunAsync(new NightlyContext(Night, time.GetUtcNow(), DryRun: false), Ct));
        var recorded = await RowAsync();
        Assert.Equal((DeferredErasureStatus.Erased, OutcomeKind.Erased, 2L), (recorded.Status, recorded.Result!.Kind, recorded.Result.RecordCount));
        Assert.NotNull(recorded.PendingEvent);
        Assert.DoesNotContain(await audit.ReadAsync(RequestId, Ct), e => e.Action == AuditActions.DeferredErasure);

        var findings = await Duty(rows).RunAsync(new NightlyContext(Night, time.GetUtcNow(), DryRun: false), Ct);

        Assert.Equal(1, system.Calls);
        Assert.Contains("deals erased (2)", Assert.Single(findings).Repaired, StringComparison.Ordinal);
        await AssertStatedOnceAsync();
    }

    /// <summary>One event for the system, the row executed, and one valid addendum whose audit head the trail holds.</summary>
    private async Task AssertStatedOnceAsync()
    {
        var trail = await audit.ReadAsync(RequestId, Ct);
        var erasure = Assert.Single(trail, e => e.Action == AuditActions.DeferredErasure);
        Assert.Equal(SystemId, erasure.SystemId);
        var row = await RowAsync();
        Assert.Equal((DeferredErasureStatus.Executed, erasure.Outcome, (PendingAuditEvent?)null), (row.Status, row.AddendumId, row.PendingEvent));

        var verdict = CertificateVerifier.Verify((await AddendumAsync())!, CertificateKeys.ExportPublicKeyPem(key));
        Assert.Equal(VerificationStatus.Valid, verdict.Status);
        var category = verdict.Document!["systems"]![0]!["categories"]![0]!;
        Assert.Equal(("deals", "erased", 2L), ((string)category["category"]!, (string)category["outcome"]!, (long)category["recordCount"]!));
        var head = StatedDocument.ReadAuditHead(verdict.Document);
        Assert.NotNull(head);
        Assert.Equal(trail[^1].Head, head);
        Assert.True(TestAudit.Chain.Verify(trail, head).IsValid);
    }

    private DeferredErasures Duty(IDeferredErasureStore store) =>
        new(store, new OneConnector(system), TestOptions.Valid(), new AddendumIssuer(outputs, requests, new Lazy<CertificateSigner>(() => new CertificateSigner(key)), time),
            audit, new ReconciliationOptions(), time);

    private async Task<DeferredErasure> RowAsync() => Assert.Single(await rows.ListForRequestAsync(RequestId, Ct)).Value;

    private Task<string?> AddendumAsync() => outputs.ReadTextAsync(RequestId, AddendumIssuer.FileName(Night, AddendumReason.RetentionEnded), Ct);

    /// <summary>The row store of a process that dies right after writing a row's recorded outcome.</summary>
    private sealed class CrashAfterErasedRecord(IDeferredErasureStore inner) : IDeferredErasureStore
    {
        public Task ScheduleAsync(IReadOnlyList<DeferredErasure> rows, CancellationToken cancellationToken) => inner.ScheduleAsync(rows, cancellationToken);

        public IAsyncEnumerable<IReadOnlyList<Versioned<DeferredErasure>>> ListDueAsync(DateOnly asOf, int pageSize, CancellationToken cancellationToken) =>
            inner.ListDueAsync(asOf, pageSize, cancellationToken);

        public Task<IReadOnlyList<Versioned<DeferredErasure>>> ListForRequestAsync(string requestId, CancellationToken cancellationToken) =>
            inner.ListForRequestAsync(requestId, cancellationToken);

        public async Task<string?> TryReplaceAsync(DeferredErasure row, string etag, CancellationToken cancellationToken)
        {
            var written = await inner.TryReplaceAsync(row, etag, cancellationToken);
            return row.Status == DeferredErasureStatus.Erased ? throw new ProcessDied() : written;
        }
    }

    /// <summary>
    /// A system that holds records by key and erases each that it still holds (a record it no longer holds is not
    /// found, as HR's database says after its rows are gone), optionally dying right after it erased.
    /// </summary>
    private sealed class KeptRecords(IEnumerable<string> held) : IConnector, IDeferredEraser
    {
        public string Kind => "kept-records";

        public HashSet<string> Held { get; } = [.. held];

        public List<string> Erased { get; } = [];

        public int Calls { get; private set; }

        public bool CrashAfterErasing { get; set; }

        public Task<SystemOutcome> EraseRetainedAsync(IReadOnlyList<RetainedRecords> due, DateOnly asOf, CancellationToken cancellationToken)
        {
            Calls++;
            var outcomes = new List<CategoryOutcome>();
            foreach (var retained in due)
            {
                var gone = retained.Keys.Where(Held.Remove).ToList();
                Erased.AddRange(gone);
                outcomes.Add(gone.Count == 0
                    ? CategoryOutcome.NotFound(retained.Category)
                    : new CategoryOutcome(retained.Category, OutcomeKind.Erased, gone.Count, LegalBasis: retained.LegalBasis));
            }

            return CrashAfterErasing ? throw new ProcessDied() : Task.FromResult(new SystemOutcome(outcomes));
        }

        public Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
