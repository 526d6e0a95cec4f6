using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// GET /api/requests?status=&amp;entity=&amp;pageSize=&amp;continuationToken= → {items, continuationToken}: request summaries
/// (no tasks) in request-id order, i.e. by the second of submission; pass the returned token to get the next page
/// (null on the last one). Bearer token; an officer sees only their entities' requests (a page may then hold fewer
/// than pageSize items; follow the token until it is null), and naming another entity is 403. The Teams flow adds
/// ?respondingOfficer=.
/// </summary>
public sealed class ListRequestsFunction(PrivacySyncOptions options, IRequestStore requests, RequestViews views, ApiCallers callers)
{
    private const int DefaultPageSize = 50;

    [Function(FunctionNames.ListRequests)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "requests")] HttpRequest request)
    {
        var acting = await callers.ActingForReadAsync(request.HttpContext);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        var (query, errors) = Parse(request.Query, options);
        if (query is null)
        {
            return ApiResults.BadRequest(errors);
        }

        var officer = acting.OfficerId!;
        var entities = options.LegalEntities.Where(e => e.HasOfficer(officer)).Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);
        if (query.LegalEntityId is { } asked && !entities.Contains(asked))
        {
            return ApiCallers.Forbidden("entity", $"you are not an officer of {options.FindEntity(asked)?.Name ?? asked}");
        }

        // An officer of one entity lists it directly; of several, the pages are filtered to theirs.
        if (query.LegalEntityId is null && entities.Count == 1)
        {
            query = query with { LegalEntityId = entities.Single() };
        }

        RequestPage page;
        try
        {
            page = await requests.ListAsync(query, request.HttpContext.RequestAborted);
        }
        catch (ArgumentException)
        {
            // The store could not read the token: it was not one this API handed out.
            return ApiResults.BadRequest([new ApiError("continuationToken", "is not a token from an earlier page of this list")]);
        }

        return ApiResults.Json(new JObject
        {
            ["items"] = new JArray(page.Items.Where(r => entities.Contains(r.LegalEntityId)).Select(views.Summary)),
            ["continuationToken"] = page.ContinuationToken,
        });
    }

    private static (RequestQuery? Query, List<ApiError> Errors) Parse(IQueryCollection query, PrivacySyncOptions options)
    {
        var errors = new List<ApiError>();
        foreach (var name in query.Keys.Where(k => k is not ("status" or "entity" or "pageSize" or "continuationToken" or ApiRoles.RespondingOfficer)))
        {
            errors.Add(new ApiError(name, "is not a known query parameter (status, entity, pageSize, continuationToken)"));
        }

        RequestStatus? status = null;
        if (Single(query, "status", errors) is { } statusText)
        {
            if (WireNames.All<RequestStatus>().Contains(statusText, StringComparer.Ordinal))
            {
                status = WireNames.Parse<RequestStatus>(statusText);
            }
            else
            {
                errors.Add(new ApiError("status", $"must be {WireNames.Describe<RequestStatus>()}"));
            }
        }

        var entity = Single(query, "entity", errors);
        if (entity is not null && options.FindEntity(entity) is null)
        {
            errors.Add(new ApiError("entity", $"is not a configured legal entity; use one of {string.Join(", ", options.LegalEntities.Select(e => $"'{e.Id}'"))}"));
        }

        var pageSize = DefaultPageSize;
        if (Single(query, "pageSize", errors) is { } sizeText
            && !(int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= RequestApiOptions.MaxPageSize))
        {
            errors.Add(new ApiError("pageSize", $"must be a whole number from 1 to {RequestApiOptions.MaxPageSize}"));
        }

        var token = Single(query, "continuationToken", errors);
        return errors.Count == 0 ? (new RequestQuery(status, entity, pageSize, token), errors) : (null, errors);
    }

    private static string? Single(IQueryCollection query, string name, List<ApiError> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors.Add(new ApiError(name, "must be given once"));
            return null;
        }

        var value = values.Count == 1 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
