using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Functions.DecideRequest;

/// <summary>
/// POST /api/requests/{id}/decision {decision: verify|approve|reject|extend, officer, reason, method} → 200 with the
/// GetRequest view; 400 invalid, 403 officer not allowed, 404 unknown id, 409 not possible in the request's state.
/// </summary>
public sealed class DecideRequestFunction : IHttpFunction
{
    public const string Name = "DecideRequest";

    public string FunctionName => Name;

    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/requests/{id}/decision", (HttpContext context, string id, DecideRequestHandler handler) => handler.HandleAsync(context, id));
}
