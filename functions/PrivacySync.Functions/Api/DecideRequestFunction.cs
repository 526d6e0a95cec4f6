using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// POST /api/requests/{id}/decision {decision: verify|approve|reject|extend, reason, method} (bearer token: the officer
/// decides as themself; the Teams flow names respondingOfficer) → 200 with the GetRequest view; 401 no valid token, 400
/// invalid, 403 officer not allowed (another entity, or the submitter approving), 404 unknown id, 409 not possible now.
/// </summary>
public sealed class DecideRequestFunction(DecideRequestHandler handler)
{
    public const string Name = FunctionNames.DecideRequest;

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests/{id}/decision")] HttpRequest request, string id) =>
        handler.HandleAsync(request.HttpContext, id);
}
