using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Review;

namespace PrivacySync.Functions.Api;

/// <summary>One decision of a review body: which item, what to do with its text, why, and for redact the passages.</summary>
internal sealed record ReviewFormItem(int Index, string Item, ReviewDecisionKind Decision, string Reason, IReadOnlyList<string>? Redactions)
{
    public string Field(string name) => $"{ReviewForm.DecisionsField}[{Index}].{name}";
}

/// <summary>
/// A validated review body <c>{decisions: [{item, decision: include|redact|exclude, reason, redact: [passage…]}]}</c>.
/// Problems are named by their path (<c>decisions[2].reason</c>) and never quote a value: texts and reasons hold
/// personal data. Passages are compared with the text exactly as stored, so they are neither trimmed nor normalised.
/// </summary>
internal static class ReviewForm
{
    public const string DecisionsField = "decisions";
    public const int MaxDecisions = 200;
    public const int MaxReasonLength = 500;
    public const int MaxPassages = 50;
    public const int MaxPassageLength = 4000;

    public static (IReadOnlyList<ReviewFormItem> Items, IReadOnlyList<ApiError> Errors) Validate(JObject body)
    {
        var errors = new List<ApiError>();
        foreach (var property in body.Properties().Where(p => p.Name != DecisionsField))
        {
            errors.Add(new ApiError(property.Name, "is not a known property (decisions)"));
        }

        if (body[DecisionsField] is not JArray array || array.Count == 0)
        {
            errors.Add(new ApiError(DecisionsField, "is required: a list of {item, decision, reason} objects, at least one"));
            return ([], errors);
        }

        if (array.Count > MaxDecisions)
        {
            errors.Add(new ApiError(DecisionsField, $"may hold at most {MaxDecisions} decisions per call"));
            return ([], errors);
        }

        var items = new List<ReviewFormItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var prefix = $"{DecisionsField}[{i}]";
            if (array[i] is not JObject element)
            {
                errors.Add(new ApiError(prefix, "must be an object {item, decision, reason}"));
                continue;
            }

            var fields = new BodyFields(element);
            var item = fields.Required("item", 80);
            var decision = fields.RequiredChoice<ReviewDecisionKind>("decision");
            var reason = fields.Required("reason", MaxReasonLength, multiline: true);
            var passages = Passages(element, prefix, decision, errors);
            fields.RejectUnknown();
            if (item is not null && !PlainId.IsValid(item))
            {
                fields.Add("item", "is not a review item id (as GET /api/requests/{id}/review lists them)");
                item = null;
            }

            if (item is not null && !seen.Add(item))
            {
                fields.Add("item", "is decided more than once in this body");
            }

            errors.AddRange(fields.Errors.Select(e => e with { Field = $"{prefix}.{e.Field}" }));
            if (fields.Errors.Count == 0 && item is not null && decision is { } kind && reason is not null)
            {
                items.Add(new ReviewFormItem(i, item, kind, reason, passages));
            }
        }

        // The valid decisions come back beside the problems, so the caller can name what is wrong with their items too.
        return (items, errors);
    }

    private static List<string>? Passages(JObject element, string prefix, ReviewDecisionKind? decision, List<ApiError> errors)
    {
        var token = element["redact"];
        var field = $"{prefix}.redact";
        element.Remove("redact"); // read here, not by BodyFields (passages keep their exact characters)
        if (token is null || token.Type == JTokenType.Null)
        {
            if (decision == ReviewDecisionKind.Redact)
            {
                errors.Add(new ApiError(field, "is required to redact: the passages of the text to black out, each exactly as it appears"));
            }

            return null;
        }

        if (decision is not null && decision != ReviewDecisionKind.Redact)
        {
            errors.Add(new ApiError(field, "is only for the decision 'redact'"));
            return null;
        }

        if (token is not JArray list || list.Count == 0 || list.Count > MaxPassages)
        {
            errors.Add(new ApiError(field, $"must be a list of 1 to {MaxPassages} passages of the text"));
            return null;
        }

        var passages = new List<string>();
        for (var j = 0; j < list.Count; j++)
        {
            if (list[j].Type != JTokenType.String || ((string)list[j]!).Trim().Length == 0)
            {
                errors.Add(new ApiError($"{field}[{j}]", "must be a passage of the text (a non-blank string)"));
            }
            else if (((string)list[j]!).Length > MaxPassageLength)
            {
                errors.Add(new ApiError($"{field}[{j}]", $"must be at most {MaxPassageLength} characters"));
            }
            else
            {
                passages.Add((string)list[j]!);
            }
        }

        return passages;
    }
}
