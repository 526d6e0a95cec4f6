using System.IO.Compression;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Flow;

/// <summary>End to end through the queues: dispatch → tasks (cloud and on-prem) → collect, on Azurite, in worker mode.</summary>
[Collection(nameof(FlowCollection))]
public sealed class RequestFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FlowHarness flow = new(azurite);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => flow.DisposeAsync();

    [Fact]
    public async Task AccessRequestReachesEverySystemAndEndsWithOneVerifiedPackage()
    {
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Access);

        var request = await flow.WaitForCompletionAsync(id);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal([OutputFiles.ExportPackage], request.Outputs);
        var tasks = await Tasks(id);
        Assert.Equal(["alpha", "beta", "gamma"], tasks.Select(t => t.SystemId).Order());
        Assert.All(tasks, t => Assert.Equal(SystemTaskStatus.Succeeded, t.Status));

        await using var package = await PackageAsync(id);
        var verification = await ExportPackageReader.VerifyAsync(package, Ct);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        package.Position = 0;
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var system in new[] { "alpha", "beta", "gamma" })
        {
            Assert.NotNull(zip.GetEntry($"systems/{system}/profile.json"));
            Assert.NotNull(zip.GetEntry($"systems/{system}/orders.csv"));
        }

        await AssertAuditChainValidAsync(id, expectCompleted: 1);
    }

    [Fact]
    public async Task OneFailingSystemDoesNotHideTheOthers()
    {
        flow.Script.Set("beta", Step.FailPermanently);
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Access);

        var request = await flow.WaitForCompletionAsync(id);

        Assert.Equal(RequestStatus.CompletedWithExceptions, request.Status);
        var tasks = await Tasks(id);
        var beta = tasks.Single(t => t.SystemId == "beta");
        Assert.Equal(SystemTaskStatus.Failed, beta.Status);
        Assert.Contains("renew the credential", beta.LastError);
        Assert.Equal(1, beta.Attempts);
        Assert.All(tasks.Where(t => t.SystemId != "beta"), t => Assert.Equal(SystemTaskStatus.Succeeded, t.Status));

        await using var package = await PackageAsync(id);
        using var zip = new ZipArchive(package);
        Assert.NotNull(zip.GetEntry("systems/alpha/profile.json"));
        Assert.Null(zip.GetEntry("systems/beta/profile.json"));
        using var manifest = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        Assert.Contains("renew the credential", await manifest.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task ThrottledSystemIsRetriedUntilItAnswers()
    {
        flow.Script.Set("alpha", Step.Throttle, Step.Throttle, Step.Succeed);
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Access);

        var request = await flow.WaitForCompletionAsync(id);

        Assert.Equal(RequestStatus.Completed, request.Status);
        var alpha = (await Tasks(id)).Single(t => t.SystemId == "alpha");
        Assert.Equal(3, alpha.Attempts);
        Assert.Equal(3, flow.Script.Calls("alpha"));
        var events = await flow.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal(2, events.Count(e => e.Action == AuditActions.TaskRetry && e.SystemId == "alpha"));
    }

    [Fact]
    public async Task HangingSystemTimesOutAndFailsWhenItsAttemptsAreSpent()
    {
        flow.Script.Set("gamma", Step.Hang);
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Erasure);

        var request = await flow.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(RequestStatus.CompletedWithExceptions, request.Status);
        var gamma = (await Tasks(id)).Single(t => t.SystemId == "gamma");
        Assert.Equal(SystemTaskStatus.Failed, gamma.Status);
        Assert.Equal(3, gamma.Attempts);
        Assert.Contains("did not answer", gamma.LastError);
        Assert.Contains("gave up after 3 attempts", gamma.LastError);
    }

    [Fact]
    public async Task ErasureEndsWithACertificateThatVerifiesAndDetectsTampering()
    {
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Erasure);

        var request = await flow.WaitForCompletionAsync(id);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal([OutputFiles.Certificate], request.Outputs);
        var envelope = await OutputTextAsync(id, OutputFiles.Certificate);
        var publicKey = flow.Service<SigningKey>().PublicKeyPem;
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(envelope, publicKey).Status);
        Assert.DoesNotContain("kari.nordmann@example.com", envelope);
        Assert.Contains("Bokføringsloven", envelope);

        var tampered = envelope.Replace("\"retained\"", "\"erased\"", StringComparison.Ordinal);
        Assert.NotEqual(envelope, tampered);
        Assert.Equal(VerificationStatus.Tampered, CertificateVerifier.Verify(tampered, publicKey).Status);
    }

    [Fact]
    public async Task ObjectionReachesOnlyTheSystemsEnabledForItAndIsConfirmed()
    {
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Objection);

        var request = await flow.WaitForCompletionAsync(id);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(["alpha"], (await Tasks(id)).Select(t => t.SystemId));
        var confirmation = await OutputTextAsync(id, OutputFiles.Confirmation);
        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(confirmation, flow.Service<SigningKey>().PublicKeyPem).Status);
        Assert.Equal(0, flow.Script.Calls("beta"));
    }

    [Fact]
    public async Task RedeliveredAndConcurrentMessagesProduceExactlyOneOutput()
    {
        await flow.StartWorkerAsync();
        await flow.StartWorkerAsync();
        var id = await flow.SubmitAsync(RequestType.Erasure);
        var queues = flow.Service<WorkQueues>();
        // Duplicates of every message kind, as an at-least-once queue may deliver them.
        await queues.SendAsync(QueueNames.Dispatch, new RequestMessage(id), null, Ct);
        await queues.SendAsync(QueueNames.Tasks, new TaskMessage(id, "alpha"), null, Ct);
        await queues.SendAsync(QueueNames.OnPremTasks, new TaskMessage(id, "gamma"), null, Ct);

        var request = await flow.WaitForCompletionAsync(id);
        for (var i = 0; i < 3; i++)
        {
            await queues.SendAsync(QueueNames.Collect, new RequestMessage(id), null, Ct);
            await queues.SendAsync(QueueNames.Tasks, new TaskMessage(id, "beta"), null, Ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // let the late duplicates be handled

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.All(new[] { "alpha", "beta", "gamma" }, s => Assert.Equal(1, flow.Script.Calls(s)));
        var tasks = await Tasks(id);
        Assert.All(tasks, t => Assert.Equal(1, t.Attempts));
        await AssertAuditChainValidAsync(id, expectCompleted: 1);
        var final = (await flow.Service<IRequestStore>().GetAsync(id, Ct))!.Value;
        Assert.Equal((request.Status, request.CompletedAt, request.UpdatedAt), (final.Status, final.CompletedAt, final.UpdatedAt));
        Assert.Equal(request.Outputs, final.Outputs);
    }

    [Fact]
    public async Task WorkKilledMidTaskResumesOnAnotherWorkerAfterTheLease()
    {
        flow.Script.Set("alpha", Step.Hang, Step.Succeed);
        // The connector call must still be hanging when the worker dies (not timed out and retried before that),
        // whatever the machine's load: a timeout far above the time the kill takes, a lease above the timeout.
        var slow = new Dictionary<string, string?> { ["PrivacySync:TaskTimeout"] = "00:00:30", ["PrivacySync:TaskLease"] = "00:00:32" };
        var first = await flow.StartWorkerAsync(shutdownGrace: TimeSpan.Zero, settings: slow);
        var id = await flow.SubmitAsync(RequestType.Access);
        // The connector itself must be hanging (not merely the task claimed) when the worker dies.
        await WaitUntilAsync(() => Task.FromResult(flow.Script.Calls("alpha") == 1));
        Assert.Equal(SystemTaskStatus.Running, (await flow.Service<ITaskStore>().GetAsync(id, "alpha", Ct))!.Value.Status);
        await first.StopAsync(Ct); // no grace: the running connector call is cut off, as in a crash

        await flow.StartWorkerAsync();
        var request = await flow.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(RequestStatus.Completed, request.Status);
        var alpha = (await flow.Service<ITaskStore>().GetAsync(id, "alpha", Ct))!.Value;
        Assert.Equal(SystemTaskStatus.Succeeded, alpha.Status);
        Assert.Equal(2, alpha.Attempts);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(100, Ct);
        }
    }

    private async Task<IReadOnlyList<SystemTask>> Tasks(string id) =>
        (await flow.Service<ITaskStore>().ListAsync(id, Ct)).Select(t => t.Value).ToList();

    private async Task<MemoryStream> PackageAsync(string id)
    {
        await using var output = await flow.Service<IOutputStore>().OpenAsync(id, OutputFiles.ExportPackage, Ct);
        Assert.NotNull(output);
        var copy = new MemoryStream();
        await output.Content.CopyToAsync(copy, Ct);
        copy.Position = 0;
        return copy;
    }

    private async Task<string> OutputTextAsync(string id, string file)
    {
        await using var output = await flow.Service<IOutputStore>().OpenAsync(id, file, Ct);
        Assert.NotNull(output);
        using var reader = new StreamReader(output.Content);
        return await reader.ReadToEndAsync(Ct);
    }

    private async Task AssertAuditChainValidAsync(string id, int expectCompleted)
    {
        var events = await flow.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(AuditChain.Verify(events).IsValid);
        Assert.Equal(expectCompleted, events.Count(e => e.Action == AuditActions.Completed));
        Assert.DoesNotContain(events, e => JObject.FromObject(e).ToString().Contains("@example.com", StringComparison.Ordinal));
    }
}
