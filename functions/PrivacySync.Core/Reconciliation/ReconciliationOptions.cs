using System.ComponentModel.DataAnnotations;

namespace PrivacySync.Core.Reconciliation;

/// <summary>Thresholds of the nightly reconciliation (app settings <c>PrivacySync:Reconciliation:X</c>).</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "PrivacySync:Reconciliation";

    /// <summary>An open request due within this many days is reported as due soon.</summary>
    [Range(1, 90)]
    public int DueSoonDays { get; set; } = 7;

    /// <summary>A request waiting on identity verification or approval longer than this is reported.</summary>
    [Range(1, 90)]
    public int WaitingDays { get; set; } = 5;

    /// <summary>A task that has not moved for this long is reported as stalled.</summary>
    [Range(1, 720)]
    public int StalledTaskHours { get; set; } = 6;

    /// <summary>
    /// How long a dispatched request, pending task or collecting request may go without a visible queue message before
    /// the message counts as lost: messages are invisible while a function runs them or while a short delay lasts.
    /// </summary>
    public TimeSpan LostMessageGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests read per page; tasks of a page are read with this many calls in flight at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// The flow's attempt budget per task (<c>PrivacySync:TaskAttemptBudget</c>, not a setting of this section): a
    /// stalled task is re-queued only while it has attempts left.
    /// </summary>
    [Range(1, 100)]
    public int TaskAttemptBudget { get; set; } = 6;

    /// <summary>A run record older than this that never completed belongs to a crashed run and may be taken over.</summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromHours(1);
}
