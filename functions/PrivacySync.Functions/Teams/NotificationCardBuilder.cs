using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// Builds a request's card data from what PrivacySync holds: ids, entity, type, dates and statuses. The subject
/// appears only as the entity's <see cref="TeamsChannelOptions.SubjectOnCards"/> allows (initials or name), never
/// their email, phone or address; no card carries a download link.
/// </summary>
public sealed class NotificationCardBuilder(PrivacySyncOptions configuration, TeamsSettings settings, TimeProvider time)
{
    public RequestFacts Facts(DataSubjectRequest request, LegalEntityOptions entity, SubjectIdentity? subject)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entity);
        return new RequestFacts(
            request.RequestId,
            entity.Id!,
            entity.Name ?? entity.Id!,
            request.Type.ToWire(),
            TypeLabel(request.Type),
            Date(request.ReceivedOn),
            Date(request.DueOn),
            request.Status.ToWire(),
            settings.StatusUrl(request.RequestId),
            SubjectShown(entity, subject));
    }

    public CardData? Build(string card, DataSubjectRequest request, LegalEntityOptions entity, SubjectIdentity? subject, IReadOnlyList<SystemTask> tasks, string? systemId)
    {
        var facts = Facts(request, entity, subject);
        return card switch
        {
            CardNames.RequestReceived => new RequestReceivedCard(
                facts, request.Status == RequestStatus.AwaitingVerification, request.Status == RequestStatus.AwaitingApproval),
            CardNames.VerificationMissing => new VerificationMissingCard(facts, request.SubmittedBy, VerificationMethods()),
            CardNames.ErasureApproval => new ErasureApprovalCard(facts, request.SubmittedBy, SystemsFor(request)),
            CardNames.RequestCompleted => Completed(facts, request, tasks),
            CardNames.SystemFailed when Task(tasks, systemId) is { } task => new SystemFailedCard(
                facts, task.SystemId, SystemName(task.SystemId), task.Attempts.ToString(CultureInfo.InvariantCulture),
                task.LastError ?? "The system did not complete.",
                "Fix the cause named above (the system's credentials, permissions or availability). The request completes with this system "
                + "listed as an exception: answer for this system by hand, or submit the request again once the system works."),
            // Ids only, whatever the entity allows elsewhere: the conflict is about who the subject is.
            CardNames.IdentityConflict when Task(tasks, systemId) is { } task => new IdentityConflictCard(
                facts with { Subject = null }, task.SystemId, SystemName(task.SystemId), task.LastError ?? "the subject's identifiers do not lead to exactly one person"),
            CardNames.DeadlineAtRisk or CardNames.DeadlineOverdue => Deadline(facts, request),
            _ => null,
        };
    }

    public DeadlineCard Deadline(RequestFacts facts, DataSubjectRequest request)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = request.DueOn.DayNumber - today.DayNumber;
        return days < 0
            ? new DeadlineCard(facts, true, days == -1 ? "1 day late" : $"{-days} days late")
            : new DeadlineCard(facts, false, days switch { 0 => "due today", 1 => "1 day left", _ => $"{days} days left" });
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string TypeLabel(RequestType type) => type switch
    {
        RequestType.Access => "access (Art. 15/20)",
        RequestType.Erasure => "erasure (Art. 17)",
        RequestType.Rectification => "rectification (Art. 16)",
        _ => "objection to direct marketing (Art. 21)",
    };

    /// <summary>Initials ("S. B.") or the name, as the entity allows; nothing otherwise.</summary>
    public static string? SubjectShown(LegalEntityOptions entity, SubjectIdentity? subject)
    {
        var name = subject?.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return (entity.Teams?.SubjectOnCards ?? SubjectOnCards.None) switch
        {
            SubjectOnCards.Name => name,
            SubjectOnCards.Initials => string.Join(' ', name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
                .Where(part => char.IsLetter(part[0]))
                .Select(part => char.ToUpperInvariant(part[0]) + ".")),
            _ => null,
        };
    }

    private static List<Choice> VerificationMethods() =>
    [
        new("BankID", "bankid"),
        new("Confirmation from the registered email address", "email-confirmation"),
        new("Employee single sign-on", "employee-sso"),
        new("ID document", "id-document"),
        new("In person", "in-person"),
    ];

    private List<SystemLine> SystemsFor(DataSubjectRequest request) =>
        configuration.ResolveSystems(request.LegalEntityId, request.Type)
            .Select(s => new SystemLine(s.Id!, s.DisplayName ?? s.Id!))
            .ToList();

    private RequestCompletedCard Completed(RequestFacts facts, DataSubjectRequest request, IReadOnlyList<SystemTask> tasks)
    {
        var exceptions = request.Status == RequestStatus.CompletedWithExceptions;
        var headline = (request.Type, exceptions) switch
        {
            (RequestType.Access, false) => "Request completed: the export package is ready",
            (RequestType.Access, true) => "Request completed with exceptions: the export package is ready",
            (RequestType.Erasure, false) => "Erasure completed: the deletion certificate is signed",
            (RequestType.Erasure, true) => "Erasure completed with exceptions: the deletion certificate is signed",
            (RequestType.Rectification, false) => "Rectification completed: the confirmation is signed",
            (RequestType.Rectification, true) => "Rectification completed with exceptions: the confirmation is signed",
            (_, false) => "Objection completed: the confirmation is signed",
            _ => "Objection completed with exceptions: the confirmation is signed",
        };
        var outcomes = tasks.OrderBy(t => t.SystemId, StringComparer.Ordinal).Select(Outcome).ToList();
        return new RequestCompletedCard(
            facts, headline, exceptions ? "Warning" : "Good", Date(DateOnly.FromDateTime((request.CompletedAt ?? time.GetUtcNow()).UtcDateTime)),
            request.Type == RequestType.Access, outcomes.Count > 0,
            request.Type == RequestType.Erasure ? "Outcomes per system (as on the certificate)" : "Outcomes per system", outcomes);
    }

    private OutcomeLine Outcome(SystemTask task)
    {
        var name = SystemName(task.SystemId);
        if (task.Status != SystemTaskStatus.Succeeded || task.Outcome is null)
        {
            return new OutcomeLine(name, $"failed: {task.LastError ?? "did not complete"}", "Attention");
        }

        var parts = task.Outcome.Categories
            .GroupBy(c => c.Kind)
            .OrderBy(g => g.Key)
            .Select(g => g.Key == OutcomeKind.NotFound
                ? $"{g.Count()} {(g.Count() == 1 ? "category" : "categories")} not found"
                : $"{g.Key.ToWire()} {g.Sum(c => c.RecordCount).ToString(CultureInfo.InvariantCulture)}")
            .ToList();
        var failed = task.Outcome.Categories.Any(c => c.Kind is OutcomeKind.Failed or OutcomeKind.ManualActionRequired);
        return new OutcomeLine(name, parts.Count == 0 ? "nothing found" : string.Join(", ", parts), failed ? "Warning" : "Default");
    }

    private static SystemTask? Task(IReadOnlyList<SystemTask> tasks, string? systemId) =>
        tasks.FirstOrDefault(t => string.Equals(t.SystemId, systemId, StringComparison.Ordinal));

    private string SystemName(string systemId) => configuration.FindSystem(systemId)?.DisplayName ?? systemId;
}
