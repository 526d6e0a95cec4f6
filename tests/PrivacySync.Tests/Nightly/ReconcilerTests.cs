using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Review;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// The nightly reconciler over real storage (a private Azurite: the flow's queue and table names are fixed), driven by
/// a fake clock: each finding, the run record that makes a night's second run change nothing, crash take-over, paging.
/// </summary>
public sealed class ReconcilerTests : IAsyncLifetime
{
    private static readonly RequestIds Ids = new(TimeProvider.System);
    private static readonly DateOnly Night = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private PrivateAzurite storage = null!;
    private StorageClients clients = null!;
    private TableRequestStore requests = null!;
    private TableTaskStore tasks = null!;
    private TableReconciliationRunStore runs = null!;
    private TableAuditLog audit = null!;
    private readonly FakeTimeProvider time = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        storage = await PrivateAzurite.StartAsync(Ct);
        clients = StorageClients.FromConnectionString(storage.ConnectionString);
        requests = new TableRequestStore(clients);
        tasks = new TableTaskStore(clients);
        runs = new TableReconciliationRunStore(clients);
        audit = new TableAuditLog(clients, TestAudit.Chain, time);
        await audit.EnsureCreatedAsync(Ct);
        await requests.EnsureCreatedAsync(Ct);
        await tasks.EnsureCreatedAsync(Ct);
        await runs.EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await storage.DisposeAsync();

    private Reconciler Reconciler(ReconciliationOptions? options = null) =>
        new(requests, tasks, new StorageWorkQueueView(clients), runs, new StorageWorkResender(clients, TestOptions.Valid()), audit,
            options ?? new ReconciliationOptions(), time, review: new MailReview(new BlobResultStore(clients), new BlobReviewStore(clients)));

    private async Task<DataSubjectRequest> SeedAsync(
        RequestStatus status, DateOnly? dueOn = null, TimeSpan? age = null, bool extended = false, string entity = "nordvik-no")
    {
        var request = new DataSubjectRequest
        {
            RequestId = Ids.Next(),
            Type = RequestType.Access,
            LegalEntityId = entity,
            ReceivedOn = Night.AddDays(-20),
            DueOn = dueOn ?? Night.AddDays(30),
            Extended = extended,
            Status = status,
            SubmittedBy = "officer-1",
            SubmissionId = Guid.NewGuid().ToString(),
            Verification = IdentityVerification.BankId,
            Language = Language.NorwegianBokmal,
            CreatedAt = Now - TimeSpan.FromDays(20),
            UpdatedAt = Now - (age ?? TimeSpan.FromMinutes(5)),
        };
        Assert.True(await requests.TryCreateAsync(request, Ct));
        return request;
    }

    private async Task<SystemTask> SeedTaskAsync(DataSubjectRequest request, string systemId, Func<SystemTask, SystemTask> shape, TimeSpan age)
    {
        var task = shape(SystemTask.Plan(request.RequestId, systemId, Now - age)) with { UpdatedAt = Now - age };
        Assert.True(await tasks.TryCreateAsync(task, Ct));
        return task;
    }

    /// <summary>The queue's visible messages; none when it was never created.</summary>
    private async Task<IReadOnlyList<string>> PeekOrNoneAsync(string queue)
    {
        try
        {
            return await clients.Queue(queue).PeekTextsAsync(Ct);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    private static IReadOnlyList<Finding> Of(ReconciliationResult result, DataSubjectRequest request) =>
        result.Findings.Where(f => f.RequestId == request.RequestId).ToList();

    [Fact]
    public async Task FindsOverdueAndDueSoonRequestsWithTheirExtensionState()
    {
        var overdue = await SeedAsync(RequestStatus.Collecting, dueOn: Night.AddDays(-2), extended: true);
        var dueTomorrow = await SeedAsync(RequestStatus.AwaitingApproval, dueOn: Night.AddDays(1));
        var dueInAWeek = await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(7));
        var later = await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(8));
        var done = await SeedAsync(RequestStatus.Completed, dueOn: Night.AddDays(-5));

        var result = await Reconciler().RunAsync(Night, dryRun: true, Ct);

        var late = Assert.Single(Of(result, overdue));
        Assert.Equal((FindingKind.Overdue, Urgency.Critical), (late.Kind, late.Urgency));
        Assert.Contains("Overdue by 2 day(s): due 2026-11-29, already extended", late.Problem, StringComparison.Ordinal);
        var soon = Assert.Single(Of(result, dueTomorrow));
        Assert.Equal((FindingKind.DueSoon, Urgency.High), (soon.Kind, soon.Urgency));
        Assert.Contains("not extended", soon.Problem, StringComparison.Ordinal);
        Assert.Contains("extend it before then", soon.Action, StringComparison.Ordinal);
        Assert.Equal((FindingKind.DueSoon, Urgency.Normal), (Assert.Single(Of(result, dueInAWeek)).Kind, Of(result, dueInAWeek)[0].Urgency));
        Assert.Empty(Of(result, later));
        Assert.Empty(Of(result, done));
        Assert.Equal("nordvik-no", late.LegalEntityId);
        // Most urgent first.
        Assert.Equal(FindingKind.Overdue, result.Findings[0].Kind);
    }

    [Fact]
    public async Task FindsRequestsWaitingOnVerificationOrApprovalLongerThanTheLimit()
    {
        var verification = await SeedAsync(RequestStatus.AwaitingVerification, age: TimeSpan.FromDays(6));
        var approval = await SeedAsync(RequestStatus.AwaitingApproval, age: TimeSpan.FromDays(9));
        var recent = await SeedAsync(RequestStatus.AwaitingApproval, age: TimeSpan.FromDays(4));

        var result = await Reconciler(new ReconciliationOptions { WaitingDays = 5 }).RunAsync(Night, dryRun: true, Ct);

        Assert.Equal(FindingKind.WaitingOnVerification, Assert.Single(Of(result, verification)).Kind);
        var waiting = Assert.Single(Of(result, approval));
        Assert.Equal(FindingKind.WaitingOnApproval, waiting.Kind);
        Assert.Contains("9 day(s)", waiting.Problem, StringComparison.Ordinal);
        Assert.Empty(Of(result, recent));
    }

    [Fact]
    public async Task FindsStalledTasksAndFailedSystemsWithTheirReasons()
    {
        var request = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(request, "hubspot", t => t.Start(Now).Fail("HubSpot answered 403: missing scope crm.objects.contacts.write", Now), TimeSpan.FromHours(1));
        await SeedTaskAsync(request, "m365", t => t.Start(Now), TimeSpan.FromHours(7));
        await SeedTaskAsync(request, "hr-db", t => t.Start(Now), TimeSpan.FromHours(2));
        var queues = new WorkQueues(clients);
        // Queued, so not lost; but it has not moved for 8 hours.
        await SeedTaskAsync(request, "crm-legacy", t => t, TimeSpan.FromHours(8));
        await queues.RunTaskAsync(new TaskMessage(request.RequestId, "crm-legacy"), TaskQueue.Cloud, null, Ct);

        var result = await Reconciler(new ReconciliationOptions { StalledTaskHours = 6 }).RunAsync(Night, dryRun: true, Ct);

        var found = Of(result, request).OrderBy(f => f.SystemId, StringComparer.Ordinal).ToList();
        Assert.Equal(["crm-legacy", "hubspot", "m365"], found.Select(f => f.SystemId));
        Assert.Equal(FindingKind.TaskStalled, found[0].Kind);
        Assert.Equal(FindingKind.SystemFailed, found[1].Kind);
        Assert.Contains("missing scope crm.objects.contacts.write", found[1].Problem, StringComparison.Ordinal);
        Assert.Equal(FindingKind.TaskStalled, found[2].Kind);
        Assert.Contains("7 hour(s)", found[2].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsLostDispatchTaskAndCollectMessagesButNotQueuedOrFreshOnes()
    {
        var queues = new WorkQueues(clients);
        var lostDispatch = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));
        var queuedDispatch = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));
        await queues.DispatchAsync(queuedDispatch.RequestId, Ct);
        var freshDispatch = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromMinutes(10));

        var lostTask = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(lostTask, "hubspot", t => t, TimeSpan.FromHours(2));
        await SeedTaskAsync(lostTask, "m365", t => t.Start(Now).ScheduleRetry("throttled", Now - TimeSpan.FromHours(2), Now), TimeSpan.FromHours(3));
        await SeedTaskAsync(lostTask, "hr-db", t => t.Start(Now).ScheduleRetry("throttled", Now + TimeSpan.FromMinutes(10), Now), TimeSpan.FromMinutes(20));

        var lostCollect = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(lostCollect, "hubspot", t => t.Start(Now).Fail("gone", Now), TimeSpan.FromHours(2));
        var queuedCollect = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(queuedCollect, "hubspot", t => t.Start(Now).Fail("gone", Now), TimeSpan.FromHours(2));
        await queues.CollectAsync(queuedCollect.RequestId, null, Ct);

        var result = await Reconciler().RunAsync(Night, dryRun: true, Ct);

        var dispatch = Assert.Single(Of(result, lostDispatch));
        Assert.Equal((FindingKind.LostMessage, Urgency.High), (dispatch.Kind, dispatch.Urgency));
        Assert.Contains("no dispatch message", dispatch.Problem, StringComparison.Ordinal);
        Assert.Empty(Of(result, queuedDispatch));
        Assert.Empty(Of(result, freshDispatch));
        var lostTasks = Of(result, lostTask);
        Assert.Equal(["hubspot", "m365"], lostTasks.Select(f => f.SystemId!).Order(StringComparer.Ordinal));
        Assert.All(lostTasks, f => Assert.Equal(FindingKind.LostMessage, f.Kind));
        Assert.Contains(Of(result, lostCollect), f => f is { Kind: FindingKind.LostMessage, SystemId: null } && f.Problem.Contains("no collect message", StringComparison.Ordinal));
        Assert.DoesNotContain(Of(result, queuedCollect), f => f.Kind == FindingKind.LostMessage);
    }

    [Fact]
    public async Task CallsNoMessageLostWhileTheQueueHasMoreThanCanBePeeked()
    {
        var queues = new WorkQueues(clients);
        var lost = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));
        for (var i = 0; i < 32; i++)
        {
            await queues.DispatchAsync(Ids.Next(), Ct);
        }

        var result = await Reconciler().RunAsync(Night, dryRun: true, Ct);

        Assert.Empty(Of(result, lost));
    }

    [Fact]
    public async Task ListsPoisonMessagesByRequestWithTheReplayCommand()
    {
        var request = await SeedAsync(RequestStatus.Collecting, entity: "nordvik-se");
        await clients.Queue(QueueNames.Poison(QueueNames.Tasks)).CreateIfNotExistsAsync(cancellationToken: Ct);
        await clients.Queue(QueueNames.Poison(QueueNames.Tasks)).SendMessageAsync(CoreJson.Serialize(new TaskMessage(request.RequestId, "hubspot")), Ct);
        await clients.Queue(QueueNames.Poison(QueueNames.Collect)).CreateIfNotExistsAsync(cancellationToken: Ct);
        await clients.Queue(QueueNames.Poison(QueueNames.Collect)).SendMessageAsync("not json", Ct);

        var result = await Reconciler().RunAsync(Night, dryRun: true, Ct);

        var poisoned = Assert.Single(Of(result, request));
        Assert.Equal((FindingKind.PoisonMessage, "hubspot", "nordvik-se"), (poisoned.Kind, poisoned.SystemId, poisoned.LegalEntityId));
        Assert.Contains("privacysync replay-poison --queue dsr-tasks", poisoned.Action, StringComparison.Ordinal);
        var unreadable = Assert.Single(result.Findings, f => f.Kind == FindingKind.PoisonMessage && f.RequestId == "(unknown)");
        Assert.Contains("privacysync replay-poison --queue dsr-collect", unreadable.Action, StringComparison.Ordinal);
        // Peeked, not received: the messages are still there, visible.
        Assert.Single(await clients.Queue("dsr-tasks-poison").PeekTextsAsync(Ct));
    }

    [Fact]
    public async Task SecondRunForTheSameNightChangesNothingAndSaysSo()
    {
        await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(-1));
        var first = await Reconciler().RunAsync(Night, dryRun: false, Ct);
        var recorded = await runs.GetAsync(Night, Ct);
        time.Advance(TimeSpan.FromHours(3));
        await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(-1));

        var second = await Reconciler().RunAsync(Night, dryRun: false, Ct);

        Assert.Equal(ReconciliationOutcome.Reconciled, first.Outcome);
        Assert.Equal(1, first.Run!.FindingCounts["overdue"]);
        Assert.Equal(ReconciliationOutcome.AlreadyReconciled, second.Outcome);
        Assert.Empty(second.Findings);
        Assert.Contains("already reconciled", second.Summary(), StringComparison.Ordinal);
        Assert.Contains("1 overdue", second.Summary(), StringComparison.Ordinal);
        Assert.EndsWith("nothing changed.", second.Summary(), StringComparison.Ordinal);
        Assert.Equal(recorded!.ETag, (await runs.GetAsync(Night, Ct))!.ETag);
        // Another night is its own run.
        Assert.Equal(ReconciliationOutcome.Reconciled, (await Reconciler().RunAsync(Night.AddDays(1), dryRun: false, Ct)).Outcome);
    }

    [Fact]
    public async Task RerunAfterACrashTakesOverTheNightOnceTheRunLeaseHasPassed()
    {
        await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(-1));
        // A run that crashed after claiming the night.
        Assert.True(await runs.TryCreateAsync(
            new ReconciliationRun { Date = Night, Status = ReconciliationRunStatus.Running, Attempts = 1, StartedAt = Now - TimeSpan.FromMinutes(10) }, Ct));
        var options = new ReconciliationOptions { RunLease = TimeSpan.FromHours(1) };

        var during = await Reconciler(options).RunAsync(Night, dryRun: false, Ct);
        time.Advance(TimeSpan.FromHours(1));
        var after = await Reconciler(options).RunAsync(Night, dryRun: false, Ct);

        Assert.Equal(ReconciliationOutcome.RunningElsewhere, during.Outcome);
        Assert.Contains("being reconciled by another run", during.Summary(), StringComparison.Ordinal);
        Assert.Equal(ReconciliationOutcome.Reconciled, after.Outcome);
        var run = (await runs.GetAsync(Night, Ct))!.Value;
        Assert.Equal((ReconciliationRunStatus.Completed, 2, 1), (run.Status, run.Attempts, run.FindingCounts["overdue"]));
    }

    [Fact]
    public async Task PagesThroughEveryOpenRequestInBatches()
    {
        var seeded = new List<DataSubjectRequest>();
        foreach (var status in new[] { RequestStatus.Received, RequestStatus.AwaitingApproval, RequestStatus.Collecting })
        {
            for (var i = 0; i < 5; i++)
            {
                seeded.Add(await SeedAsync(status, dueOn: Night.AddDays(-1)));
            }
        }

        var result = await Reconciler(new ReconciliationOptions { BatchSize = 2, Parallelism = 2 }).RunAsync(Night, dryRun: true, Ct);

        Assert.Equal(15, result.RequestsScanned);
        Assert.Equal(seeded.Select(r => r.RequestId).Order(StringComparer.Ordinal),
            result.Findings.Where(f => f.Kind == FindingKind.Overdue).Select(f => f.RequestId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DryRunRecordsAndRepairsNothing()
    {
        await SeedAsync(RequestStatus.Received, dueOn: Night.AddDays(-1));
        var lost = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));

        var result = await Reconciler().RunAsync(Night, dryRun: true, Ct);

        Assert.Equal(ReconciliationOutcome.DryRun, result.Outcome);
        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Null(f.Repaired));
        Assert.Null(await runs.GetAsync(Night, Ct));
        Assert.Empty(await PeekOrNoneAsync(QueueNames.Dispatch));
        Assert.Empty(await audit.ReadAsync(lost.RequestId, Ct));
        Assert.Equal(ReconciliationOutcome.Reconciled, (await Reconciler().RunAsync(Night, dryRun: false, Ct)).Outcome);
    }

    [Fact]
    public async Task ResendsLostDispatchTaskAndCollectMessagesToTheirQueuesAndAuditsEach()
    {
        var lostDispatch = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));
        var lostTasks = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(lostTasks, "crm", t => t, TimeSpan.FromHours(2));
        await SeedTaskAsync(lostTasks, "hr", t => t.Start(Now).ScheduleRetry("throttled", Now - TimeSpan.FromHours(2), Now), TimeSpan.FromHours(3));
        await SeedTaskAsync(lostTasks, "legacy", t => t, TimeSpan.FromHours(2));
        var lostCollect = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(lostCollect, "crm", t => t.Start(Now).Fail("gone", Now), TimeSpan.FromHours(2));

        var result = await Reconciler().RunAsync(Night, dryRun: false, Ct);

        Assert.Equal(new RequestMessage(lostDispatch.RequestId),
            CoreJson.Deserialize<RequestMessage>(Assert.Single(await clients.Queue(QueueNames.Dispatch).PeekTextsAsync(Ct))));
        Assert.Equal(new TaskMessage(lostTasks.RequestId, "crm"),
            CoreJson.Deserialize<TaskMessage>(Assert.Single(await clients.Queue(QueueNames.Tasks).PeekTextsAsync(Ct))));
        Assert.Equal(new TaskMessage(lostTasks.RequestId, "hr"),
            CoreJson.Deserialize<TaskMessage>(Assert.Single(await clients.Queue(QueueNames.OnPremTasks).PeekTextsAsync(Ct))));
        Assert.Equal(new RequestMessage(lostCollect.RequestId),
            CoreJson.Deserialize<RequestMessage>(Assert.Single(await clients.Queue(QueueNames.Collect).PeekTextsAsync(Ct))));
        Assert.Equal("Re-sent the dispatch message.", Assert.Single(Of(result, lostDispatch)).Repaired);
        var unknown = Assert.Single(Of(result, lostTasks), f => f.SystemId == "legacy");
        Assert.Null(unknown.Repaired);
        Assert.StartsWith("legacy is not in the configuration", unknown.Action, StringComparison.Ordinal);
        Assert.Equal(4, result.Run!.Repairs);
        Assert.Contains("4 repaired", result.Summary(), StringComparison.Ordinal);

        var trail = await audit.ReadAsync(lostTasks.RequestId, Ct);
        Assert.Equal(["crm", "hr"], trail.Where(e => e.Action == AuditActions.MessageResent).Select(e => e.SystemId!).Order(StringComparer.Ordinal).ToList());
        Assert.All(trail, e => Assert.Equal(("task", "2026-12-01"), (e.Outcome, e.Details!["night"])));
        Assert.Equal("dispatch", Assert.Single(await audit.ReadAsync(lostDispatch.RequestId, Ct)).Outcome);
        Assert.Equal("collect", Assert.Single(await audit.ReadAsync(lostCollect.RequestId, Ct)).Outcome);
    }

    [Fact]
    public async Task RequeuesAStalledTaskOnlyWhileItHasBudgetLeftCountingDeferrals()
    {
        var request = await SeedAsync(RequestStatus.Collecting);
        await SeedTaskAsync(request, "crm", t => t.Start(Now).Start(Now), TimeSpan.FromHours(7));
        var spent = await SeedAsync(RequestStatus.Collecting);
        var exhausted = SystemTask.Plan(spent.RequestId, "crm", Now) with { Status = SystemTaskStatus.Running, Attempts = 3, UpdatedAt = Now - TimeSpan.FromHours(7) };
        Assert.True(await tasks.TryCreateAsync(exhausted, Ct));
        // One attempt and two deferrals spend a budget of three, as the runner counts it.
        var deferred = await SeedAsync(RequestStatus.Collecting);
        Assert.True(await tasks.TryCreateAsync(
            SystemTask.Plan(deferred.RequestId, "crm", Now) with { Status = SystemTaskStatus.Running, Attempts = 1, Deferrals = 2, UpdatedAt = Now - TimeSpan.FromHours(7) }, Ct));

        var result = await Reconciler(new ReconciliationOptions { StalledTaskHours = 6, TaskAttemptBudget = 3 }).RunAsync(Night, dryRun: false, Ct);

        Assert.Equal(new TaskMessage(request.RequestId, "crm"),
            CoreJson.Deserialize<TaskMessage>(Assert.Single(await clients.Queue(QueueNames.Tasks).PeekTextsAsync(Ct))));
        var requeued = Assert.Single(Of(result, request));
        Assert.Equal((FindingKind.TaskStalled, "Re-queued the task (2 of its budget of 3 spent)."), (requeued.Kind, requeued.Repaired));
        Assert.Equal("stalled-task", Assert.Single(await audit.ReadAsync(request.RequestId, Ct)).Outcome);
        var left = Assert.Single(Of(result, spent));
        Assert.Null(left.Repaired);
        Assert.StartsWith("Its attempts are spent", left.Action, StringComparison.Ordinal);
        Assert.Empty(await audit.ReadAsync(spent.RequestId, Ct));
        var alsoLeft = Assert.Single(Of(result, deferred));
        Assert.Null(alsoLeft.Repaired);
        Assert.Contains("3 of its budget of 3 spent", alsoLeft.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsATaskInIdentityConflictAsAwaitingTheOfficersDecisionAndResendsNothing()
    {
        var request = await SeedAsync(RequestStatus.Collecting);
        var conflict = new IdentityResolution(
            [new RecordMatch("employees/7", "employee", ["employee-id"])], "record employees/7 is reached only by employee-id, not by the request's email address");
        await SeedTaskAsync(request, "hr", t => t.Start(Now).AwaitIdentity(conflict, Now), TimeSpan.FromDays(3));
        await clients.Queue(QueueNames.Tasks).CreateIfNotExistsAsync(cancellationToken: Ct); // so that "nothing re-sent" can be read

        var result = await Reconciler(new ReconciliationOptions { StalledTaskHours = 6 }).RunAsync(Night, dryRun: false, Ct);

        var waiting = Assert.Single(Of(result, request));
        Assert.Equal((FindingKind.WaitingOnIdentityDecision, Urgency.Normal, "hr"), (waiting.Kind, waiting.Urgency, waiting.SystemId));
        Assert.Contains("3 day(s)", waiting.Problem, StringComparison.Ordinal);
        Assert.Contains("employees/7", waiting.Problem, StringComparison.Ordinal);
        Assert.Contains("resolve-identity", waiting.Action, StringComparison.Ordinal);
        Assert.Null(waiting.Repaired);
        Assert.Empty(await clients.Queue(QueueNames.Tasks).PeekTextsAsync(Ct)); // the runner would drop it anyway
        Assert.Empty(await audit.ReadAsync(request.RequestId, Ct));
    }

    [Fact]
    public async Task RerunAfterACrashDoesNotResendWhatTheCrashedRunResent()
    {
        var lost = await SeedAsync(RequestStatus.Dispatched, age: TimeSpan.FromHours(3));
        await Reconciler().RunAsync(Night, dryRun: false, Ct);
        // As if that run had crashed before recording the night.
        var record = (await runs.GetAsync(Night, Ct))!;
        Assert.NotNull(await runs.TryReplaceAsync(record.Value with { Status = ReconciliationRunStatus.Running, CompletedAt = null }, record.ETag, Ct));
        time.Advance(TimeSpan.FromHours(2));

        var rerun = await Reconciler().RunAsync(Night, dryRun: false, Ct);

        Assert.Equal(ReconciliationOutcome.Reconciled, rerun.Outcome);
        Assert.Empty(Of(rerun, lost));
        Assert.Single(await clients.Queue(QueueNames.Dispatch).PeekTextsAsync(Ct));
        Assert.Single(await audit.ReadAsync(lost.RequestId, Ct));
    }

    [Fact]
    public async Task ReportsARequestWaitingOnReviewAndResendsItsCollectMessageOnceEveryTextIsDecided()
    {
        var results = new BlobResultStore(clients);
        await results.EnsureCreatedAsync(Ct);
        var seeded = await SeedAsync(RequestStatus.AwaitingReview, age: TimeSpan.FromHours(3));
        var stored = (await requests.GetAsync(seeded.RequestId, Ct))!;
        Assert.NotNull(await requests.TryReplaceAsync(stored.Value with { ReviewItems = 2 }, stored.ETag, Ct));
        ExportRecord Mail(string text) => new("mail", "work", "Art. 6(1)(f)", "Exchange", null, new Newtonsoft.Json.Linq.JObject { ["subject"] = "s", ["body"] = text }, ReviewField: "body");
        var outcome = await results.WriteRecordsAsync(seeded.RequestId, "m365", new[] { Mail("one"), Mail("two") }.ToAsyncEnumerable(), Ct);
        await SeedTaskAsync(seeded, "m365", t => t.Start(Now).Succeed(new SystemOutcome(outcome), results.RecordsName(seeded.RequestId, "m365"), Now), TimeSpan.FromHours(3));

        var waiting = Assert.Single(Of(await Reconciler().RunAsync(Night, dryRun: true, Ct), seeded));
        Assert.Equal((FindingKind.WaitingOnReview, Urgency.Normal), (waiting.Kind, waiting.Urgency));
        Assert.Contains("2 of 2 mail text(s)", waiting.Problem, StringComparison.Ordinal);
        Assert.Empty(await PeekOrNoneAsync(QueueNames.Collect));

        // The deciding call stored both decisions and died before its collect message.
        var reviews = new BlobReviewStore(clients);
        foreach (var item in new[] { "m365.0", "m365.1" })
        {
            Assert.Null(await reviews.TryCreateAsync(seeded.RequestId, new ReviewDecision(item, ReviewDecisionKind.Include, "own text", "officer-1", Now), Ct));
        }

        var lost = Assert.Single(Of(await Reconciler().RunAsync(Night, dryRun: false, Ct), seeded));
        Assert.Equal(FindingKind.LostMessage, lost.Kind);
        Assert.Contains("Every mail text was reviewed", lost.Problem, StringComparison.Ordinal);
        Assert.NotNull(lost.Repaired);
        Assert.Single(await clients.Queue(QueueNames.Collect).PeekTextsAsync(Ct));
    }
}
