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
    /// <summary>The verification methods an officer may confirm (every way but "not yet verified").</summary>
    private static readonly string[] VerificationMethods =
        [.. WireNames.All<IdentityVerification>().Where(v => v != IdentityVerification.Pending.ToWire())];

    public RequestFacts Facts(DataSubjectRequest request, LegalEntityOptions entity, SubjectIdentity? subject)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entity);
        return new RequestFacts(
            request.RequestId,
            entity.Id!,
            entity.Name ?? entity.Id!,
            request.Type.ToWire(),
            Date(request.ReceivedOn),
            Date(request.DueOn),
            request.Status.ToWire(),
            settings.StatusUrl(request.RequestId),
            SubjectShown(entity, subject));
    }

    /// <summary>The card's data in the request's language (the language the officer chose for the case).</summary>
    public NotificationCard? Build(string card, DataSubjectRequest request, LegalEntityOptions entity, SubjectIdentity? subject, IReadOnlyList<SystemTask> tasks, string? systemId)
    {
        var facts = Facts(request, entity, subject);
        NotificationCard? data = card switch
        {
            CardNames.RequestReceived => new RequestReceivedCard(
                facts, request.Status == RequestStatus.AwaitingVerification, request.Status == RequestStatus.AwaitingApproval),
            CardNames.VerificationMissing => new VerificationMissingCard(facts, request.SubmittedBy, VerificationMethods),
            CardNames.ErasureApproval => new ErasureApprovalCard(facts, request.SubmittedBy, SystemsFor(request)),
            CardNames.RequestCompleted => Completed(facts, request, tasks),
            CardNames.SystemFailed when Task(tasks, systemId) is { } task => new SystemFailedCard(
                facts, task.SystemId, SystemName(task.SystemId), task.Attempts, task.LastError),
            // Ids only, whatever the entity allows elsewhere: the conflict is about who the subject is.
            CardNames.IdentityConflict when Task(tasks, systemId) is { } task => new IdentityConflictCard(
                facts with { Subject = null }, task.SystemId, SystemName(task.SystemId), task.LastError),
            CardNames.DeadlineAtRisk or CardNames.DeadlineOverdue => Deadline(facts, request),
            _ => null,
        };
        return data is null ? null : data with { Language = request.Language.ToWire() };
    }

    public DeadlineCard Deadline(RequestFacts facts, DataSubjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DeadlineCard(facts, request.DueOn.DayNumber - today.DayNumber);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private List<SystemLine> SystemsFor(DataSubjectRequest request) =>
        configuration.ResolveSystems(request.LegalEntityId, request.Type)
            .Select(s => new SystemLine(s.Id!, s.DisplayName ?? s.Id!))
            .ToList();

    private RequestCompletedCard Completed(RequestFacts facts, DataSubjectRequest request, IReadOnlyList<SystemTask> tasks) => new(
        facts,
        request.Status == RequestStatus.CompletedWithExceptions,
        Date(DateOnly.FromDateTime((request.CompletedAt ?? time.GetUtcNow()).UtcDateTime)),
        tasks.OrderBy(t => t.SystemId, StringComparer.Ordinal).Select(Outcome).ToList());

    private OutcomeLine Outcome(SystemTask task)
    {
        var name = SystemName(task.SystemId);
        if (task.Status != SystemTaskStatus.Succeeded || task.Outcome is null)
        {
            return OutcomeLine.Failure(name, task.LastError);
        }

        var counts = task.Outcome.Categories
            .GroupBy(c => c.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new OutcomeCount(g.Key.ToWire(), g.Key == OutcomeKind.NotFound ? g.Count() : g.Sum(c => c.RecordCount)))
            .ToList();
        var attention = task.Outcome.Categories.Any(c => c.Kind is OutcomeKind.Failed or OutcomeKind.ManualActionRequired);
        return new OutcomeLine(name, counts, false, null, attention);
    }

    private static SystemTask? Task(IReadOnlyList<SystemTask> tasks, string? systemId) =>
        tasks.FirstOrDefault(t => string.Equals(t.SystemId, systemId, StringComparison.Ordinal));

    private string SystemName(string systemId) => configuration.FindSystem(systemId)?.DisplayName ?? systemId;
}
