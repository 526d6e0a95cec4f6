using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// GET /api/requests/{id} (bearer token; the Teams flow adds ?respondingOfficer=): the request with its per-system
/// tasks and the outputs it has produced — for an officer of the request's entity only (403 otherwise).
/// </summary>
public sealed class GetRequestFunction(RequestReader reader, ApiCallers callers)
{
    [Function(FunctionNames.GetRequest)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "requests/{id}")] HttpRequest request, string id)
    {
        var acting = await callers.ActingForReadAsync(request.HttpContext);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        if (!RequestIds.IsValid(id))
        {
            return ApiResults.BadRequest([ApiError.InvalidRequestId]);
        }

        var read = await reader.ReadAsync(id, request.HttpContext.RequestAborted);
        if (read is null)
        {
            return ApiResults.UnknownRequest();
        }

        return callers.OutsideEntity(read.Value.Request.LegalEntityId, acting.OfficerId!) ?? ApiResults.Json(read.Value.View);
    }
}
