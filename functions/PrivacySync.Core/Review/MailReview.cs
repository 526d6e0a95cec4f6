using System.Runtime.CompilerServices;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Review;

/// <summary>
/// The officer review of texts that may hold other people's data (Art. 15(4)) before an access package is made: which
/// items a request has (read from the systems' stored results, so nothing is copied), whether every one is decided,
/// and the records as the decisions let them reach the subject.
/// </summary>
public sealed class MailReview(IResultStore results, IReviewStore reviews)
{
    /// <summary>What a redacted passage becomes in the subject's copy.</summary>
    public const string RedactedMark = "[…]";

    /// <summary>Whether the entity holds this request's texts back for an officer's review.</summary>
    public static bool Required(LegalEntityOptions entity, RequestType type)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return type == RequestType.Access && entity.Review?.MailBodies == true;
    }

    /// <summary>The items of the request, system by system in task order, each once.</summary>
    public async IAsyncEnumerable<ReviewItem> ItemsAsync(
        string requestId, IReadOnlyList<SystemTask> planned, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planned);
        foreach (var task in planned.Where(HasRecords))
        {
            long position = 0;
            await foreach (var record in results.ReadRecordsAsync(requestId, task.SystemId, cancellationToken).ConfigureAwait(false))
            {
                if (NeedsReview(record))
                {
                    yield return new ReviewItem(ReviewItem.IdFor(task.SystemId, position), task.SystemId, record);
                }

                position++;
            }
        }
    }

    public async Task<int> CountAsync(string requestId, IReadOnlyList<SystemTask> planned, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in ItemsAsync(requestId, planned, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>How many items have no decision yet (0: the package can be made).</summary>
    public async Task<int> UndecidedAsync(string requestId, IReadOnlyList<SystemTask> planned, CancellationToken cancellationToken)
    {
        var decided = await reviews.ListAsync(requestId, cancellationToken).ConfigureAwait(false);
        var open = 0;
        await foreach (var item in ItemsAsync(requestId, planned, cancellationToken).ConfigureAwait(false))
        {
            if (!decided.ContainsKey(item.ItemId))
            {
                open++;
            }
        }

        return open;
    }

    /// <summary>
    /// The system's records as they go into the package: a reviewed text as decided — as it is, with the named passages
    /// replaced by <see cref="RedactedMark"/>, or withheld with a note in the subject's language. A text without a
    /// decision is withheld too (never released by default).
    /// </summary>
    public static async IAsyncEnumerable<ExportRecord> ApplyAsync(
        IAsyncEnumerable<ExportRecord> records, string systemId, IReadOnlyDictionary<string, ReviewDecision> decisions, Language language,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(decisions);
        long position = 0;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var id = ReviewItem.IdFor(systemId, position++);
            if (!NeedsReview(record))
            {
                yield return record;
                continue;
            }

            var fields = (Newtonsoft.Json.Linq.JObject)record.Fields.DeepClone();
            var text = fields.Value<string>(record.ReviewField!) ?? "";
            decisions.TryGetValue(id, out var decision);
            fields[record.ReviewField!] = decision?.Decision switch
            {
                ReviewDecisionKind.Include => text,
                ReviewDecisionKind.Redact => Redact(text, decision!.Redactions ?? []),
                _ => Withheld(language),
            };
            yield return record with { Fields = fields };
        }
    }

    /// <summary>The text with every occurrence of each passage replaced by <see cref="RedactedMark"/>.</summary>
    public static string Redact(string text, IReadOnlyList<string> passages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(passages);
        // Longest first, so a passage inside a longer one cannot leave part of the longer one standing.
        foreach (var passage in passages.Where(p => p.Length > 0).OrderByDescending(p => p.Length))
        {
            text = text.Replace(passage, RedactedMark, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>What the subject reads in place of a withheld text.</summary>
    public static string Withheld(Language language) => language switch
    {
        Language.NorwegianBokmal => "(Teksten er holdt tilbake fordi den inneholder opplysninger om andre personer, jf. personvernforordningen artikkel 15 nr. 4.)",
        Language.Swedish => "(Texten har hållits inne eftersom den innehåller uppgifter om andra personer, se artikel 15.4 i dataskyddsförordningen.)",
        _ => "(This text is withheld because it holds information about other people; see Article 15(4) GDPR.)",
    };

    private static bool HasRecords(SystemTask task) => task.Status == SystemTaskStatus.Succeeded && task.ResultBlob is not null;

    private static bool NeedsReview(ExportRecord record) =>
        record.ReviewField is { } field && record.Fields.Value<string>(field) is { Length: > 0 };
}
