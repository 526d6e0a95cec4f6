using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// POST /api/requests/{id}/decision {decision: verify|approve|reject|extend, officer, reason, method} → 200 with the
/// GetRequest view; 400 invalid, 403 officer not allowed, 404 unknown id, 409 not possible in the request's state.
/// </summary>
public sealed class DecideRequestFunction(DecideRequestHandler handler)
{
    public const string Name = FunctionNames.DecideRequest;

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "requests/{id}/decision")] HttpRequest request, string id) =>
        handler.HandleAsync(request.HttpContext, id);
}
