using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Storage;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Storage.Stores;

public sealed class StoresTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private async Task<T> Ready<T>(Func<T> create, Func<T, Task> ensure)
    {
        var store = create();
        await ensure(store);
        return store;
    }

    private static DataSubjectRequest NewRequest(string entity, RequestStatus status = RequestStatus.Dispatched) => new()
    {
        RequestId = "dsr-" + Guid.NewGuid().ToString("N"),
        Type = RequestType.Access,
        LegalEntityId = entity,
        ReceivedOn = new DateOnly(2026, 11, 20),
        DueOn = new DateOnly(2026, 12, 21),
        Status = status,
        SubmittedBy = "anna.berg",
        SubmissionId = Guid.NewGuid().ToString(),
        Verification = IdentityVerification.BankId,
        Language = Language.NorwegianBokmal,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    [Fact]
    public async Task RequestRoundTripsAndStaleReplaceIsRefused()
    {
        var store = await Ready(() => new TableRequestStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var request = NewRequest("entity-a");

        Assert.True(await store.TryCreateAsync(request, Ct));
        Assert.False(await store.TryCreateAsync(request, Ct));
        var stored = await store.GetAsync(request.RequestId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(CoreJson.Serialize(request), CoreJson.Serialize(stored.Value));

        var first = await store.TryReplaceAsync(request with { Status = RequestStatus.Collecting }, stored.ETag, Ct);
        Assert.NotNull(first);
        Assert.Null(await store.TryReplaceAsync(request with { Status = RequestStatus.Rejected }, stored.ETag, Ct));
        var reread = (await store.GetAsync(request.RequestId, Ct))!;
        Assert.Equal(RequestStatus.Collecting, reread.Value.Status);
        Assert.Equal(first, reread.ETag);
        // The ETag a replace returns is the one the next replace presents.
        var second = await store.TryReplaceAsync(request with { Status = RequestStatus.Completed }, first, Ct);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(await store.TryReplaceAsync(request with { Status = RequestStatus.Rejected }, first, Ct));
        Assert.Equal(RequestStatus.Completed, (await store.GetAsync(request.RequestId, Ct))!.Value.Status);
        Assert.Null(await store.GetAsync("dsr-absent", Ct));
    }

    [Fact]
    public async Task ListFiltersByStatusAndEntityAcrossPages()
    {
        var store = await Ready(() => new TableRequestStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        // A quote in a filtered value must be escaped as an OData literal, not end it.
        var entity = "o'brien-" + azurite.UniqueName("entity");
        await store.TryCreateAsync(NewRequest("o'brien-other", RequestStatus.Collecting), Ct);
        for (var i = 0; i < 5; i++)
        {
            await store.TryCreateAsync(NewRequest(entity, i < 3 ? RequestStatus.Collecting : RequestStatus.Completed), Ct);
        }

        var seen = new List<DataSubjectRequest>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new RequestQuery(RequestStatus.Collecting, entity, PageSize: 2, ContinuationToken: token), Ct);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(3, seen.Count);
        Assert.All(seen, r => Assert.Equal(RequestStatus.Collecting, r.Status));
        Assert.All(seen, r => Assert.Equal(entity, r.LegalEntityId));
        Assert.True(pages >= 2);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new RequestQuery(ContinuationToken: "!!!"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new RequestQuery(ContinuationToken: "bm9zcGFjZQ"), Ct));
    }

    [Fact]
    public async Task SubmissionBindsToTheFirstRequestOnly()
    {
        var store = await Ready(() => new TableRequestStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var submission = "teams/form#" + Guid.NewGuid();

        Assert.Equal("dsr-first", await store.BindSubmissionAsync("entity-a", submission, "dsr-first", Ct));
        Assert.Equal("dsr-first", await store.BindSubmissionAsync("entity-a", submission, "dsr-second", Ct));
        Assert.Equal("dsr-third", await store.BindSubmissionAsync("entity-b", submission, "dsr-third", Ct));
    }

    [Fact]
    public async Task TaskIsCreatedOnceAndReplacedConditionally()
    {
        var store = await Ready(() => new TableTaskStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        var task = SystemTask.Plan(requestId, "hubspot", Now);

        Assert.True(await store.TryCreateAsync(task, Ct));
        Assert.False(await store.TryCreateAsync(task, Ct));
        Assert.True(await store.TryCreateAsync(SystemTask.Plan(requestId, "hr", Now), Ct));

        var stored = (await store.GetAsync(requestId, "hubspot", Ct))!;
        var running = stored.Value.Start(Now);
        Assert.NotNull(await store.TryReplaceAsync(running, stored.ETag, Ct));
        Assert.Null(await store.TryReplaceAsync(running, stored.ETag, Ct));

        var done = running.Succeed(new SystemOutcome([new CategoryOutcome("contact", OutcomeKind.Erased, 1)]), null, Now);
        var current = (await store.GetAsync(requestId, "hubspot", Ct))!;
        Assert.NotNull(await store.TryReplaceAsync(done, current.ETag, Ct));

        var all = await store.ListAsync(requestId, Ct);
        Assert.Equal(2, all.Count);
        var reread = all.Single(t => t.Value.SystemId == "hubspot").Value;
        Assert.Equal(SystemTaskStatus.Succeeded, reread.Status);
        Assert.Equal(OutcomeKind.Erased, reread.Outcome!.Categories.Single().Kind);
    }

    [Fact]
    public async Task ConcurrentAuditAppendsFormOneValidChain()
    {
        var log = await Ready(() => new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.TaskSucceeded, SystemId: $"system-{i}"), Ct)));

        var events = await log.ReadAsync(requestId, Ct);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
    }

    [Fact]
    public async Task APendingEventAppendedByItsWriterAndAReaderAtOnceIsStoredOnce()
    {
        var log = await Ready(() => new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        await log.AppendAsync(new AuditEntry(requestId, "anna.test", AuditActions.Submitted), Ct);
        var pending = PendingAuditEvent.For(new AuditEntry(requestId, "bjorn.test", AuditActions.Approved, Outcome: "dispatched"), DateTimeOffset.UtcNow);

        // The writer appends right after its write; others that read the row meanwhile make sure it is appended.
        var appended = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? pending.AppendAsync(log, Ct)
            : log.AppendAsync(pending.Entry, Ct)));
        await pending.AppendAsync(log, Ct);
        await log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.Dispatched), Ct);

        var events = await log.ReadAsync(requestId, Ct);
        Assert.Equal([AuditActions.Submitted, AuditActions.Approved, AuditActions.Dispatched], events.Select(e => e.Action));
        Assert.All(appended, e => Assert.Equal(2, e.Sequence));
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
    }

    [Fact]
    public async Task ConcurrentAppendsUnderOneKeyStoreOneEventAndAllReturnIt()
    {
        var log = await Ready(() => new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        await log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.Submitted), Ct);

        // Two collectors after a crash, and a third delivery later, record the same completion; others append between.
        var appended = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.Completed, Outcome: "completed", OnceKey: "completed/x"), Ct)
            : log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.TaskRetry, SystemId: $"system-{i}"), Ct)));
        var later = await log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.Completed, Outcome: "completed", OnceKey: "completed/x"), Ct);

        var events = await log.ReadAsync(requestId, Ct);
        var completed = Assert.Single(events, e => e.Action == AuditActions.Completed);
        Assert.All(appended.Where(e => e.Action == AuditActions.Completed).Append(later), e => Assert.Equal(completed.Sequence, e.Sequence));
        Assert.Equal(3, events.Count(e => e.Action == AuditActions.TaskRetry));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
    }

    [Fact]
    public async Task SubjectIsStoredApartAndDeleted()
    {
        var store = await Ready(() => new BlobSubjectStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        var subject = new SubjectIdentity("kari.nordmann@example.com", "Kari Nordmann", "+4790000000", "E-1001", ["kari@example.org"]);

        await store.SaveAsync(requestId, subject, Ct);
        var read = await store.GetAsync(requestId, Ct);
        Assert.Equal(subject.Email, read!.Email);
        Assert.Equal(subject.AdditionalEmails, read.AdditionalEmails);

        await store.SaveNotesAsync(requestId, "Called the subject — æøå", Ct);
        Assert.Equal("Called the subject — æøå", await store.GetNotesAsync(requestId, Ct));

        await store.DeleteAsync(requestId, Ct);
        Assert.Null(await store.GetAsync(requestId, Ct));
        Assert.Null(await store.GetNotesAsync(requestId, Ct));
        await store.DeleteAsync(requestId, Ct);
    }

    [Fact]
    public async Task ACreateOnlyOutputWriteNeverReplacesTheOutputAlreadyThere()
    {
        var store = await Ready(() => new BlobOutputStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");

        Assert.True(await store.TryCreateAsync(requestId, "certificate.json", new MemoryStream("first"u8.ToArray()), "application/json", Ct));
        // A collector whose lease ran out comes late with its own copy: it is refused.
        Assert.False(await store.TryCreateAsync(requestId, "certificate.json", new MemoryStream("late"u8.ToArray()), "application/json", Ct));

        await using var opened = (await store.OpenAsync(requestId, "certificate.json", Ct))!;
        using var reader = new StreamReader(opened.Content);
        Assert.Equal("first", await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task OutputRoundTripsWithItsContentTypeAndIsOverwrittenOnSave()
    {
        var store = await Ready(() => new BlobOutputStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        var pdf = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();

        Assert.Null(await store.OpenAsync(requestId, "certificate.pdf", Ct));
        await store.SaveAsync(requestId, "certificate.pdf", new MemoryStream([1, 2, 3]), "application/octet-stream", Ct);
        var name = await store.SaveAsync(requestId, "certificate.pdf", new MemoryStream(pdf), "application/pdf", Ct);

        Assert.Equal($"{requestId}/certificate.pdf", name);
        await using var opened = (await store.OpenAsync(requestId, "certificate.pdf", Ct))!;
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy, Ct);
        Assert.Equal("application/pdf", opened.ContentType);
        Assert.Equal(pdf.Length, opened.Length);
        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task ResultRecordsStreamThroughABlobAndAreCountedPerCategory()
    {
        var store = await Ready(() => new BlobResultStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");

        var counts = await store.WriteRecordsAsync(requestId, "hr", Records(2_500), Ct);

        Assert.Equal(["profile", "payroll"], counts.Select(c => c.Category));
        Assert.Equal([2_000L, 500L], counts.Select(c => c.RecordCount));
        Assert.All(counts, c => Assert.Equal(OutcomeKind.Exported, c.Kind));
        Assert.Equal("Art. 6(1)(b)", counts[0].LegalBasis);
        var read = 0;
        await foreach (var record in store.ReadRecordsAsync(requestId, "hr", Ct))
        {
            Assert.Equal(read, record.Fields.Value<int>("n"));
            read++;
        }

        Assert.Equal(2_500, read);
    }

    [Fact]
    public async Task LargeResultsGoUpInBoundedBlocksAndStreamBackInOrder()
    {
        var blocks = new BlockCounter();
        var options = new StorageClientsOptions();
        options.PerCallPolicies.Add(blocks);
        var store = await Ready(() => new BlobResultStore(StorageClients.FromConnectionString(azurite.ConnectionString, options)), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        const int count = 30_000; // about 14 MB of JSON Lines

        var counts = await store.WriteRecordsAsync(requestId, "crm", Records(count, padding: 400), Ct);

        Assert.Equal([2_000L, count - 2_000L], counts.Select(c => c.RecordCount));
        Assert.InRange(blocks.Count, 4, 10);
        Assert.InRange(blocks.Largest, 1, BlobResultStore.BlockSize);
        var read = 0;
        await foreach (var record in store.ReadRecordsAsync(requestId, "crm", Ct))
        {
            Assert.Equal(read, record.Fields.Value<int>("n"));
            read++;
        }

        Assert.Equal(count, read);
    }

    [Fact]
    public async Task AConnectorFailingHalfWayLeavesNoResultBlob()
    {
        var store = await Ready(() => new BlobResultStore(azurite.Clients), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAsync<HttpRequestException>(() => store.WriteRecordsAsync(requestId, "hr", FailingAfter(10), Ct));

        var missing = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in store.ReadRecordsAsync(requestId, "hr", Ct))
            {
            }
        });
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task AuditTrailOfAnUnknownRequestIsEmpty()
    {
        var log = await Ready(() => new TableAuditLog(azurite.Clients, TestAudit.Chain, TimeProvider.System), s => s.EnsureCreatedAsync(Ct));

        Assert.Empty(await log.ReadAsync("dsr-" + Guid.NewGuid().ToString("N"), Ct));
    }

    private static async IAsyncEnumerable<ExportRecord> Records(int count, int padding = 0)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new ExportRecord(i < 2_000 ? "profile" : "payroll", "employment", "Art. 6(1)(b)", "hr", null,
                new JObject { ["n"] = i, ["note"] = "æøå <&>", ["pad"] = new string('x', padding) });
        }
    }

    private static async IAsyncEnumerable<ExportRecord> FailingAfter(int count)
    {
        await foreach (var record in Records(count))
        {
            yield return record;
        }

        throw new HttpRequestException("the system went away");
    }

    /// <summary>Counts Put Block requests and the largest block body (a real Azure.Core policy on the real pipeline).</summary>
    private sealed class BlockCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;
        private long _largest;

        public int Count => _count;

        public long Largest => Interlocked.Read(ref _largest);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.Request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && !message.Request.Uri.Query.EndsWith("comp=block", StringComparison.Ordinal))
            {
                return;
            }

            Interlocked.Increment(ref _count);
            if (message.Request.Content is { } content && content.TryComputeLength(out var length))
            {
                long seen;
                while (length > (seen = Interlocked.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, length, seen) != seen)
                {
                }
            }
        }
    }
}
