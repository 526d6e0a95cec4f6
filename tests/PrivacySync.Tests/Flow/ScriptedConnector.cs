using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Flow;

/// <summary>What a scripted system does on each call, in order; the last step repeats.</summary>
public enum Step
{
    Succeed,
    Throttle,
    FailPermanently,
    Hang,
    Throw,
}

/// <summary>
/// The behaviour of every scripted system, by system id, shared by all workers of a test (a unit seam: the flow
/// around it — queues, tables, blobs, worker — is real).
/// </summary>
public sealed class ConnectorScript
{
    private readonly ConcurrentDictionary<string, Step[]> steps = new();
    private readonly ConcurrentDictionary<string, int> calls = new();

    public int RecordsPerCategory { get; set; } = 3;

    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromMilliseconds(300);

    public void Set(string systemId, params Step[] script) => steps[systemId] = script;

    public int Calls(string systemId) => calls.GetValueOrDefault(systemId);

    internal Step Next(string systemId)
    {
        var n = calls.AddOrUpdate(systemId, 1, (_, c) => c + 1);
        var script = steps.GetValueOrDefault(systemId) ?? [Step.Succeed];
        return script[Math.Min(n - 1, script.Length - 1)];
    }
}

public sealed class ScriptedConnector(string systemId, ConnectorScript script) : IConnector
{
    public string Kind => "test";

    public Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(new DiscoveryResult(true, [new DataCategory("profile", script.RecordsPerCategory, "customer relationship", "Art. 6(1)(b)")]));

    public async IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ActAsync(cancellationToken);
        foreach (var category in new[] { "profile", "orders" })
        {
            for (var i = 0; i < script.RecordsPerCategory; i++)
            {
                yield return new ExportRecord(category, "customer relationship", "Art. 6(1)(b)", systemId, "3 years after last delivery",
                    new JObject { ["email"] = subject.Email, ["n"] = i, ["system"] = systemId });
            }
        }
    }

    public async Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await ActAsync(cancellationToken);
        return new SystemOutcome(
        [
            new CategoryOutcome("profile", OutcomeKind.Erased, 1),
            CategoryOutcome.Retained("invoices", 2, "Art. 6(1)(c) (Bokføringsloven § 13)", new DateOnly(2031, 12, 31)),
        ]);
    }

    public async Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        await ActAsync(cancellationToken);
        return new SystemOutcome([new CategoryOutcome("marketing-email", OutcomeKind.Unsubscribed, 1)]);
    }

    private async Task ActAsync(CancellationToken cancellationToken)
    {
        switch (script.Next(systemId))
        {
            case Step.Throttle:
                throw new TransientConnectorException("429 Too Many Requests", script.ThrottleRetryAfter);
            case Step.FailPermanently:
                throw new PermanentConnectorException($"The token for {systemId} was rejected (401); renew the credential.");
            case Step.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case Step.Throw:
                throw new InvalidOperationException("scripted bug");
        }
    }
}
