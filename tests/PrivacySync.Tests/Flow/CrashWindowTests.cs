using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Flow;

/// <summary>
/// The worker killed (SIGKILL) between two writes of a step, through the published app under the local Functions host
/// with a test-only fault point (<see cref="FaultPoints"/>): the first worker to reach the window dies, the host starts
/// a new one, and the redelivered message must finish the request exactly once, with all its audit events, without
/// anyone's help — and an erasure must report what it erased, not "not found".
/// </summary>
public sealed class CrashWindowTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("privacysync-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string?> CrashOnceAt(string window) => new()
    {
        ["PrivacySync:TaskTimeout"] = "00:00:10",
        ["PrivacySync:TaskLease"] = "00:00:12",
        ["PrivacySync:AssemblyLease"] = "00:00:05",
        [FaultPoints.CrashAtSetting] = window,
        [FaultPoints.CrashOnceFileSetting] = Path.Combine(folder, "crashed"),
    };

    [Theory]
    [InlineData(FaultPoints.Windows.TasksPlanned)]
    [InlineData(FaultPoints.Windows.RequestCollecting)]
    [InlineData(FaultPoints.Windows.TaskClaimed)]
    [InlineData(FaultPoints.Windows.TaskEffectsDone)]
    [InlineData(FaultPoints.Windows.TaskOutcomeWritten)]
    [InlineData(FaultPoints.Windows.OutputWritten)]
    [InlineData(FaultPoints.Windows.RequestCompleted)]
    public async Task AnErasureCrashedInAWindowFinishesOnceWithAllItsEvents(string window)
    {
        await using var systems = await RealSystems.StartAsync(CrashOnceAt(window));

        var (id, _) = await systems.SubmitAsync("erasure");
        // The dispatch the approval queues may kill the worker (the dispatch windows) before the approval's answer is
        // out: the host answers 500 and the officer tries again, finding it approved.
        await systems.SendRetryingAsync(RealSystems.Approver, HttpMethod.Post, $"/api/requests/{id}/decision",
            new JObject { ["decision"] = "approve" }, System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.Conflict);
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(150));
        // The collector's events follow the completion write: wait for them rather than for the status alone.
        await systems.WaitUntilAsync(
            async () => (await systems.Service<IAuditLog>().ReadAsync(id, Ct)).Any(e => e.Action == AuditActions.Completed), "the completed event", TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(Path.Combine(folder, "crashed")), $"no worker reached {window}");
        Assert.True((string?)request["status"] == "completed", request.ToString());
        var tasks = await systems.TasksAsync(id);
        Assert.All(tasks, t => Assert.Equal(SystemTaskStatus.Succeeded, t.Status));
        // Erased stays erased: no attempt after the crash reports "not found" for what the first one found.
        Assert.All(tasks, t => Assert.DoesNotContain(t.Outcome!.Categories, c =>
            c.Kind == OutcomeKind.NotFound && t.Intent!.Found.Any(f => f.Name == c.Category && f.RecordCount > 0)));
        Assert.Equal(1, systems.HrRest.Services.GetRequiredService<HrRestStore>().ErasuresExecuted);

        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Completed);
        Assert.Single(events, e => e.Action == AuditActions.Assembled);
        Assert.Single(events, e => e.Action == AuditActions.Dispatched && e.Details?.ContainsKey("systems") == true);
        Assert.All(tasks, t => Assert.Single(events, e => e.Action == AuditActions.TaskSucceeded && e.SystemId == t.SystemId));
        var final = (await systems.Service<IRequestStore>().GetAsync(id, Ct))!.Value;
        Assert.Equal([OutputFiles.Certificate, OutputFiles.Letter], final.Outputs);
    }

    [Theory]
    [InlineData(FaultPoints.Windows.SubjectSaved)]
    [InlineData(FaultPoints.Windows.RequestCreated)]
    public async Task ASubmissionCrashedInAWindowIsFinishedOnceByTheFormSentAgain(string window)
    {
        await using var systems = await RealSystems.StartAsync(CrashOnceAt(window));
        var form = systems.SubmissionForm("access");

        // The Teams flow retries a failed call with the same form (the same submissionId).
        string? id = null;
        await systems.WaitUntilAsync(async () => (id = await TrySubmitAsync(systems, form)) is not null, "a submission answered", TimeSpan.FromSeconds(90));
        var request = await systems.WaitForCompletionAsync(id!, TimeSpan.FromSeconds(120));

        Assert.True(File.Exists(Path.Combine(folder, "crashed")), $"no worker reached {window}");
        Assert.True((string?)request["status"] == "completed", request.ToString());
        Assert.Equal(id, await TrySubmitAsync(systems, form)); // one request for the form
        var events = await systems.Service<IAuditLog>().ReadAsync(id!, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Submitted);
        Assert.Single(events, e => e.Action == AuditActions.Completed);
    }

    [Fact]
    public async Task AnApprovalCrashedBeforeItsEventIsAuditedAndCarriedOutWithoutAnOfficer()
    {
        await using var systems = await RealSystems.StartAsync(CrashOnceAt(FaultPoints.Windows.DecisionStored));
        var (id, _) = await systems.SubmitAsync("erasure");

        // The worker dies after storing the approval: the officer's call fails, and nobody calls again.
        using (var body = new StringContent(new JObject { ["decision"] = "approve" }.ToString(), Encoding.UTF8, "application/json"))
        {
            try
            {
                using var _ = await (await systems.ApiAsync(RealSystems.Approver)).PostAsync($"/api/requests/{id}/decision", body, Ct);
            }
            catch (HttpRequestException)
            {
                // The connection died with the worker.
            }
        }

        Assert.True(File.Exists(Path.Combine(folder, "crashed")));
        // The nightly reconciliation (run now) appends the pending event and re-sends the lost dispatch message.
        var reconciler = await ReconciliationServiceCollectionExtensions.CreateReconcilerAsync(
            StorageClients.FromConnectionString(systems.Storage.ConnectionString), TestAudit.Chain, null,
            new ReconciliationOptions { LostMessageGrace = TimeSpan.Zero }, TimeProvider.System, Ct);
        await reconciler.RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), dryRun: false, Ct);
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(120));

        Assert.True((string?)request["status"] == "completed", request.ToString());
        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Approved && e.Actor == RealSystems.Approver);
        Assert.Single(events, e => e.Action == AuditActions.Completed);
    }

    [Fact]
    public async Task AnApprovalRetriedAfterItsWorkerDiedIsCarriedOutWithoutTheNightlyRun()
    {
        await using var systems = await RealSystems.StartAsync(CrashOnceAt(FaultPoints.Windows.DecisionStored));
        var (id, _) = await systems.SubmitAsync("erasure");

        // The officer's tool retries the call that died with the worker; the approval is stored already.
        await systems.SendRetryingAsync(RealSystems.Approver, HttpMethod.Post, $"/api/requests/{id}/decision",
            new JObject { ["decision"] = "approve" }, System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.Conflict);
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(120));

        Assert.True(File.Exists(Path.Combine(folder, "crashed")), "no worker reached the window");
        Assert.True((string?)request["status"] == "completed", request.ToString());
        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Approved);
        Assert.Single(events, e => e.Action == AuditActions.Dispatched && e.Details?.ContainsKey("queue") == true);
    }

    /// <summary>The request id the API answers with, or null when the call failed (the worker died under it).</summary>
    private static async Task<string?> TrySubmitAsync(RealSystems systems, JObject form)
    {
        try
        {
            using var body = new StringContent(form.ToString(), Encoding.UTF8, "application/json");
            using var response = await (await systems.ApiAsync()).PostAsync("/api/requests", body, Ct);
            return response.IsSuccessStatusCode ? (string?)JObject.Parse(await response.Content.ReadAsStringAsync(Ct))["requestId"] : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [Fact]
    public async Task ATaskWhoseWorkerAlwaysDiesFailsWithAReasonWhenItsBudgetIsSpent()
    {
        // No once-file: every worker that claims a task dies, so each delivery after the lease is a takeover.
        var settings = CrashOnceAt(FaultPoints.Windows.TaskClaimed);
        settings[FaultPoints.CrashOnceFileSetting] = null;
        await using var systems = await RealSystems.StartAsync(settings);

        var (id, _) = await systems.SubmitAsync("access");
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(240));

        Assert.True((string?)request["status"] == "completed-with-exceptions", request.ToString());
        Assert.All(await systems.TasksAsync(id), t =>
        {
            Assert.Equal(SystemTaskStatus.Failed, t.Status);
            Assert.Equal(3, t.Attempts); // the budget in RealSystems; a takeover never starts a fourth
            Assert.Contains("never finished", t.LastError, StringComparison.Ordinal);
        });
    }
}
