using System.Globalization;
using PrivacySync.Core.Reconciliation.Retention;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// What the API shows of a request: what an officer needs to follow it, never the subject's identifiers or notes.
/// Outputs are listed once the request has recorded them, each with the address where an officer asks for a download
/// link (POST); a read never mints a link.
/// </summary>
public sealed class RequestViews
{
    public static string StatusUrl(string requestId) => $"/api/requests/{requestId}";

    /// <summary>SubmitRequest's answer: <c>{requestId, status, dueOn, statusUrl}</c>.</summary>
    public static JObject Accepted(DataSubjectRequest request) => new()
    {
        ["requestId"] = request.RequestId,
        ["status"] = request.Status.ToWire(),
        ["dueOn"] = Date(request.DueOn),
        ["statusUrl"] = StatusUrl(request.RequestId),
    };

    /// <summary>One item of ListRequests: the request without its tasks.</summary>
    public JObject Summary(DataSubjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = new JObject
        {
            ["requestId"] = request.RequestId,
            ["type"] = request.Type.ToWire(),
            ["status"] = request.Status.ToWire(),
            ["entity"] = request.LegalEntityId,
            ["receivedOn"] = Date(request.ReceivedOn),
            ["dueOn"] = Date(request.DueOn),
            ["extended"] = request.Extended,
            ["extensionReason"] = request.ExtensionReason,
            ["submittedBy"] = request.SubmittedBy,
            ["language"] = request.Language.ToWire(),
            ["identityVerification"] = request.Verification.ToWire(),
            ["verifiedBy"] = request.VerifiedBy,
            ["approvedBy"] = request.ApprovedBy,
            ["rejectedBy"] = request.RejectedBy,
            ["rejectionReason"] = request.RejectionReason,
            ["controllerInstruction"] = request.ControllerInstruction,
            ["createdAt"] = Timestamp(request.CreatedAt),
            ["updatedAt"] = Timestamp(request.UpdatedAt),
            ["completedAt"] = request.CompletedAt is { } completed ? Timestamp(completed) : null,
            // The fixed outputs, then the signed addenda the nightly reconciliation added to the certificate.
            ["outputs"] = new JArray(OutputFiles.All.Where(f => request.Outputs.Contains(f, StringComparer.Ordinal))
                .Concat(request.Outputs.Where(AddendumIssuer.IsAddendumFile))
                .Select(file => new JObject
                {
                    ["file"] = file,
                    ["linkUrl"] = LinkUrl(request.RequestId, file),
                })),
        };
        if (request.Restriction is { } restriction)
        {
            // Art. 18: the ground, since when it holds, and the lift (decided, subject told, done in the systems).
            view["restriction"] = new JObject
            {
                ["ground"] = restriction.Ground.ToWire(),
                ["holds"] = restriction.Since is not null && restriction.Holds,
                ["since"] = restriction.Since is { } since ? Timestamp(since) : null,
                ["liftDecidedBy"] = restriction.LiftDecidedBy,
                ["liftReason"] = restriction.LiftReason,
                ["liftNotifiedAt"] = restriction.LiftNotifiedAt is { } notified ? Timestamp(notified) : null,
                ["liftedAt"] = restriction.LiftedAt is { } lifted ? Timestamp(lifted) : null,
            };
        }

        return view;
    }

    /// <summary>GetRequest's answer: the summary plus one entry per planned system task.</summary>
    public JObject Detail(DataSubjectRequest request, IEnumerable<SystemTask> tasks)
    {
        var view = Summary(request);
        if (request.ReviewItems is { } items)
        {
            // Mail texts held for an officer's review (Art. 15(4)): how many, and where to read and decide them.
            view["review"] = new JObject { ["items"] = items, ["url"] = $"{StatusUrl(request.RequestId)}/review" };
        }

        view["tasks"] = new JArray(tasks.OrderBy(t => t.SystemId, StringComparer.Ordinal).Select(Task));
        return view;
    }

    private static JObject Task(SystemTask task) => new()
    {
        ["system"] = task.SystemId,
        ["status"] = task.Status.ToWire(),
        ["attempts"] = task.Attempts,
        ["outcome"] = TaskOutcome(task),
        ["note"] = task.Outcome?.Note,
        ["nextAttemptAt"] = task.NextAttemptAt is { } next ? Timestamp(next) : null,
        ["categories"] = new JArray((task.Outcome?.Categories ?? []).Select(Category)),
        ["error"] = task.LastError,
        ["identity"] = Identity(task),
    };

    /// <summary>How the identifiers reached the system's records; during a conflict, the records an officer chooses from.</summary>
    private static JObject? Identity(SystemTask task)
    {
        var resolution = task.Conflict ?? task.Outcome?.Identity;
        if (resolution is null && task.IdentityDecisions is null)
        {
            return null;
        }

        return new JObject
        {
            ["conflict"] = resolution?.Conflict,
            ["matches"] = new JArray((resolution?.Matches ?? []).Select(m => new JObject
            {
                ["record"] = m.Record,
                ["kind"] = m.Kind,
                ["matchedBy"] = new JArray(m.MatchedBy),
            })),
            ["decisions"] = new JArray((task.IdentityDecisions?.Decisions ?? []).Select(d => new JObject
            {
                ["officer"] = d.Officer,
                ["decidedAt"] = Timestamp(d.DecidedAt),
                ["confirmed"] = d.ConfirmedRecord,
                ["dropped"] = d.DroppedIdentifier,
            })),
        };
    }

    /// <summary>Null while the system is still working; then completed, completed-with-exceptions or failed.</summary>
    private static string? TaskOutcome(SystemTask task) => task switch
    {
        { IsTerminal: false } => null,
        { Status: SystemTaskStatus.Failed } => "failed",
        { HasExceptions: true } => "completed-with-exceptions",
        _ => "completed",
    };

    private static JObject Category(CategoryOutcome category) => new()
    {
        ["category"] = category.Category,
        ["field"] = category.Field,
        ["outcome"] = category.Kind.ToWire(),
        ["records"] = category.RecordCount,
        ["purpose"] = category.Purpose,
        ["legalBasis"] = category.LegalBasis,
        ["retainedUntil"] = category.RetainedUntil is { } until ? Date(until) : null,
        ["instructions"] = category.Instructions,
        ["reason"] = category.Reason,
    };

    /// <summary>Where an officer asks for a download link to one output: <c>POST /api/requests/{id}/outputs/{file}/link</c>.</summary>
    public static string LinkUrl(string requestId, string fileName) => $"/api/requests/{requestId}/outputs/{fileName}/link";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
