using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Review;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// The officer review of mail texts (Art. 15(4)) on a request awaiting review: the list of items with their texts for
/// the officer to read, and per-item decisions. A body with any problem is refused whole (400, every problem named by
/// its path) and changes nothing. Each decision is stored once (create-only per item): repeating a call is answered as
/// before, a different decision on a decided item is 409. A decision is stored before its event (the event is keyed by
/// the item, so a retry or the collector records it once), and the decision that settles the last item sends the
/// collect message that makes the package — a crash before it is repaired by the retry or the nightly reconciliation.
/// </summary>
public sealed class ReviewHandler(
    ApiCallers callers,
    IRequestStore requests,
    ITaskStore tasks,
    MailReview review,
    IReviewStore reviews,
    IAuditLog audit,
    AccessDenials denials,
    WorkQueues queues,
    FaultPoints faults,
    TimeProvider time,
    ILogger<ReviewHandler> logger)
{
    public const string Operation = "review";

    /// <summary>GET: every item with its text and the decision it has, if any.</summary>
    public async Task<IResult> ListAsync(HttpContext context, string id)
    {
        var acting = await callers.ActingForReadAsync(context);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        if (!RequestIds.IsValid(id))
        {
            return ApiResults.BadRequest([ApiError.InvalidRequestId]);
        }

        var ct = context.RequestAborted;
        var (request, refusal, _) = await WaitingAsync(id, acting.OfficerId!, "list", ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var decided = await reviews.ListAsync(id, ct);
        var items = new JArray();
        await foreach (var item in review.ItemsAsync(id, await PlannedAsync(id, ct), ct))
        {
            var fields = (JObject)item.Record.Fields.DeepClone();
            fields.Remove(item.Record.ReviewField!);
            var entry = new JObject
            {
                ["item"] = item.ItemId,
                ["system"] = item.SystemId,
                ["category"] = item.Record.Category,
                ["fields"] = fields,
                ["text"] = item.Text,
            };
            if (decided.TryGetValue(item.ItemId, out var decision))
            {
                entry["decision"] = View(decision);
            }

            items.Add(entry);
        }

        ApiLog.ReviewListed(logger, id, items.Count);
        // The texts are personal data of the subject and of others: no cache keeps them.
        context.Response.Headers.CacheControl = "no-store";
        return ApiResults.Json(new JObject
        {
            ["requestId"] = id,
            ["status"] = request!.Status.ToWire(),
            ["total"] = items.Count,
            ["undecided"] = items.Count(i => i["decision"] is null),
            ["items"] = items,
        });
    }

    /// <summary>POST: decisions on items; the package is made once the last item is decided.</summary>
    public async Task<IResult> DecideAsync(HttpContext context, string id)
    {
        var (read, officerId, refused) = await callers.ReadOfficerBodyAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new List<ApiError>();
        if (!RequestIds.IsValid(id))
        {
            errors.Add(ApiError.InvalidRequestId);
        }

        IReadOnlyList<ReviewFormItem> form = [];
        if (read.Body is null)
        {
            errors.Add(read.Error!);
        }
        else
        {
            (form, var formErrors) = ReviewForm.Validate(read.Body);
            errors.AddRange(formErrors);
        }

        if (read.Body is null || !RequestIds.IsValid(id))
        {
            return Invalid(errors);
        }

        // Once the checks pass, the writes, their events and the collect message run to the end even if the caller goes away.
        var ct = CancellationToken.None;
        var officer = officerId!;
        var (request, refusal, forbidden) = await WaitingAsync(id, officer, "decide", ct);
        if (refusal is not null)
        {
            return errors.Count > 0 && !forbidden ? Invalid(errors) : refusal;
        }

        var planned = await PlannedAsync(id, ct);
        var items = new Dictionary<string, ReviewItem>(StringComparer.Ordinal);
        await foreach (var item in review.ItemsAsync(id, planned, ct))
        {
            items[item.ItemId] = item;
        }

        errors.AddRange(Check(form, items));
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        // A decision already standing and different is refused before anything is written.
        var stored = await reviews.ListAsync(id, ct);
        var now = time.GetUtcNow();
        var decisions = form.Select(f => new ReviewDecision(f.Item, f.Decision, f.Reason, officer, now, f.Redactions)).ToList();
        var conflicts = form.Zip(decisions)
            .Where(p => stored.TryGetValue(p.First.Item, out var earlier) && !earlier.SameAs(p.Second))
            .Select(p => Conflict(p.First, stored[p.First.Item]))
            .ToList();
        if (conflicts.Count > 0)
        {
            return ApiResults.Errors(StatusCodes.Status409Conflict, conflicts);
        }

        var standing = new List<ReviewDecision>();
        foreach (var (field, decision) in form.Zip(decisions))
        {
            var earlier = stored.TryGetValue(decision.ItemId, out var known) ? known : await reviews.TryCreateAsync(id, decision, ct);
            if (earlier is not null && !earlier.SameAs(decision))
            {
                conflicts.Add(Conflict(field, earlier)); // another officer decided it between the check and the write
                continue;
            }

            standing.Add(earlier ?? decision);
        }

        faults.Reached(FaultPoints.Windows.ReviewDecisionsStored);
        foreach (var decision in standing)
        {
            await audit.AppendAsync(decision.ToAuditEntry(id), ct);
        }

        var undecided = await review.UndecidedAsync(id, planned, ct);
        ApiLog.ReviewDecided(logger, id, standing.Count, undecided);
        if (undecided == 0)
        {
            await queues.CollectAsync(id, null, ct); // every text is decided: the collector makes the package
        }

        if (conflicts.Count > 0)
        {
            return ApiResults.Errors(StatusCodes.Status409Conflict, conflicts);
        }

        return ApiResults.Json(new JObject
        {
            ["requestId"] = id,
            ["status"] = request!.Status.ToWire(),
            ["decided"] = new JArray(standing.Select(d => d.ItemId)),
            ["total"] = items.Count,
            ["undecided"] = undecided,
        });
    }

    /// <summary>The request, if it exists, is the officer's entity's and waits on review; otherwise the answer that says why not.</summary>
    private async Task<(DataSubjectRequest? Request, IResult? Refusal, bool Forbidden)> WaitingAsync(string id, string officer, string what, CancellationToken ct)
    {
        var stored = await requests.GetAsync(id, ct);
        if (stored is null)
        {
            return (null, ApiResults.UnknownRequest(), false);
        }

        if (callers.OutsideEntity(stored.Value.LegalEntityId, officer) is { } outside)
        {
            await denials.RecordDecisionAsync(id, officer, $"{Operation}:{what}", ct);
            return (null, outside, true);
        }

        if (stored.Value.Status != RequestStatus.AwaitingReview)
        {
            return (null, ApiResults.Error(StatusCodes.Status409Conflict, "status",
                $"the request is {stored.Value.Status.ToWire()}; only a request awaiting review has texts to review"), false);
        }

        return (stored.Value, null, false);
    }

    private IResult Invalid(List<ApiError> errors)
    {
        ApiLog.Invalid(logger, FunctionNames.ReviewRequest, errors.Count);
        return ApiResults.BadRequest(errors.OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<SystemTask>> PlannedAsync(string id, CancellationToken ct) =>
        (await tasks.ListAsync(id, ct)).Select(t => t.Value).ToList();

    private static IEnumerable<ApiError> Check(IReadOnlyList<ReviewFormItem> form, IReadOnlyDictionary<string, ReviewItem> items)
    {
        foreach (var decision in form)
        {
            if (!items.TryGetValue(decision.Item, out var item))
            {
                yield return new ApiError(decision.Field("item"), "is not an item of this request's review (GET /api/requests/{id}/review lists them)");
                continue;
            }

            for (var j = 0; j < (decision.Redactions?.Count ?? 0); j++)
            {
                if (!item.Text.Contains(decision.Redactions![j], StringComparison.Ordinal))
                {
                    yield return new ApiError($"{decision.Field("redact")}[{j}]", "does not occur in the item's text; copy the passage exactly as the text has it");
                }
            }
        }
    }

    private static ApiError Conflict(ReviewFormItem field, ReviewDecision earlier) =>
        new(field.Field("item"), $"was already decided ({earlier.Decision.ToWire()}, by {earlier.Officer}); a decision stands once made");

    private static JObject View(ReviewDecision decision)
    {
        var view = new JObject
        {
            ["decision"] = decision.Decision.ToWire(),
            ["reason"] = decision.Reason,
            ["by"] = decision.Officer,
            ["at"] = decision.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (decision.Redactions is { Count: > 0 } passages)
        {
            view["redact"] = new JArray(passages);
        }

        return view;
    }
}
