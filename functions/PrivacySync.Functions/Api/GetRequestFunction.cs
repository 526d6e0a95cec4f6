using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>GET /api/requests/{id}: the request with its per-system tasks and, once produced, download links.</summary>
public sealed class GetRequestFunction(RequestReader reader)
{
    [Function(FunctionNames.GetRequest)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "requests/{id}")] HttpRequest request, string id)
    {
        if (!RequestIds.IsValid(id))
        {
            return ApiResults.BadRequest([ApiError.InvalidRequestId]);
        }

        var view = await reader.ReadDetailAsync(id, request.HttpContext.RequestAborted);
        return view is null ? ApiResults.UnknownRequest() : ApiResults.Json(view);
    }
}
