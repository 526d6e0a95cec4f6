using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Stores;

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
        var store = await Ready(() => new TableRequestStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
        var request = NewRequest("entity-a");

        Assert.True(await store.TryCreateAsync(request, Ct));
        Assert.False(await store.TryCreateAsync(request, Ct));
        var stored = await store.GetAsync(request.RequestId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(CoreJson.Serialize(request), CoreJson.Serialize(stored.Value));

        var first = await store.TryReplaceAsync(request with { Status = RequestStatus.Collecting }, stored.ETag, Ct);
        Assert.NotNull(first);
        Assert.Null(await store.TryReplaceAsync(request with { Status = RequestStatus.Rejected }, stored.ETag, Ct));
        Assert.Equal(RequestStatus.Collecting, (await store.GetAsync(request.RequestId, Ct))!.Value.Status);
        Assert.Null(await store.GetAsync("dsr-absent", Ct));
    }

    [Fact]
    public async Task ListFiltersByStatusAndEntityAcrossPages()
    {
        var store = await Ready(() => new TableRequestStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
        var entity = azurite.UniqueName("entity");
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
        Assert.True(pages >= 2);
    }

    [Fact]
    public async Task SubmissionBindsToTheFirstRequestOnly()
    {
        var store = await Ready(() => new TableRequestStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
        var submission = "teams/form#" + Guid.NewGuid();

        Assert.Equal("dsr-first", await store.BindSubmissionAsync("entity-a", submission, "dsr-first", Ct));
        Assert.Equal("dsr-first", await store.BindSubmissionAsync("entity-a", submission, "dsr-second", Ct));
        Assert.Equal("dsr-third", await store.BindSubmissionAsync("entity-b", submission, "dsr-third", Ct));
    }

    [Fact]
    public async Task TaskIsCreatedOnceAndReplacedConditionally()
    {
        var store = await Ready(() => new TableTaskStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
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
        var log = await Ready(() => new TableAuditLog(azurite.Account, TimeProvider.System), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            log.AppendAsync(new AuditEntry(requestId, "system", AuditActions.TaskSucceeded, SystemId: $"system-{i}"), Ct)));

        var events = await log.ReadAsync(requestId, Ct);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(AuditChain.Verify(events).IsValid);
    }

    [Fact]
    public async Task SubjectIsStoredApartAndDeleted()
    {
        var store = await Ready(() => new BlobSubjectStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
        var requestId = "dsr-" + Guid.NewGuid().ToString("N");
        var subject = new SubjectIdentity("kari.nordmann@example.com", "Kari Nordmann", "+4790000000", "E-1001", ["kari@example.org"]);

        await store.SaveAsync(requestId, subject, Ct);
        var read = await store.GetAsync(requestId, Ct);
        Assert.Equal(subject.Email, read!.Email);
        Assert.Equal(subject.AdditionalEmails, read.AdditionalEmails);

        await store.DeleteAsync(requestId, Ct);
        Assert.Null(await store.GetAsync(requestId, Ct));
    }

    [Fact]
    public async Task ResultRecordsStreamThroughABlobAndAreCountedPerCategory()
    {
        var store = await Ready(() => new BlobResultStore(azurite.Account), s => s.EnsureCreatedAsync(Ct));
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

    private static async IAsyncEnumerable<ExportRecord> Records(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new ExportRecord(i < 2_000 ? "profile" : "payroll", "employment", "Art. 6(1)(b)", "hr", null, new JObject { ["n"] = i, ["note"] = "æøå <&>" });
        }
    }
}
