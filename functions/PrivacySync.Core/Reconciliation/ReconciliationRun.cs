using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Reconciliation;

/// <summary>The record of one night's reconciliation: started, completed, and what it found.</summary>
public sealed record ReconciliationRun
{
    public required DateOnly Date { get; init; }

    public required ReconciliationRunStatus Status { get; init; }

    /// <summary>How many times a run began for this date (a crashed run is taken over and counts again).</summary>
    public int Attempts { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public int RequestsScanned { get; init; }

    /// <summary>Messages this night's run sent again (each is in the request's audit trail).</summary>
    public int Repairs { get; init; }

    /// <summary>Findings per kind (wire names), so the second run can say what the first found.</summary>
    public IReadOnlyDictionary<string, int> FindingCounts { get; init; } = new Dictionary<string, int>();
}

[JsonConverter(typeof(WireEnumConverter))]
public enum ReconciliationRunStatus
{
    [EnumMember(Value = "running")]
    Running,

    [EnumMember(Value = "completed")]
    Completed,
}
