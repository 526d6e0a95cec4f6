using System.Text;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// Writes the letter announcing a restriction's lift (Art. 18(3)) in the request's language. The systems lift it the
/// night after the decision at the earliest, so the letter names the entity's next day. Create-only: a retried decision
/// keeps the letter first written.
/// </summary>
public sealed class RestrictionLiftLetters(IOutputStore outputs, PrivacySyncOptions configuration, TimeProvider time)
{
    public async Task WriteAsync(DataSubjectRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = configuration.FindEntity(request.LegalEntityId)
            ?? throw new InvalidOperationException($"Request {request.RequestId}: legal entity {request.LegalEntityId} is not configured.");
        var restriction = request.Restriction ?? throw new InvalidOperationException($"Request {request.RequestId} holds no restriction.");
        var facts = new SubjectFacts(configuration, entity, request.Language.ToWire());
        var now = time.GetUtcNow();
        var letter = LetterHtml.LiftNotice(
            facts,
            request.RequestId,
            request.ReceivedOn,
            DateOnly.FromDateTime((restriction.Since ?? now).UtcDateTime),
            JurisdictionCalendar.Today(time, entity.Jurisdiction).AddDays(1),
            now);
        await using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(letter));
        await outputs.TryCreateAsync(request.RequestId, OutputFiles.LiftLetter, content, OutputFiles.ContentType(OutputFiles.LiftLetter), ct);
    }
}
