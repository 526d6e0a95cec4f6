using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Functions.SubmitRequest;

/// <summary>POST /api/requests: the Teams form's JSON → 202 {requestId, status, dueOn, statusUrl} (200 when repeated).</summary>
public sealed class SubmitRequestFunction : IHttpFunction
{
    public const string Name = "SubmitRequest";

    public string FunctionName => Name;

    public void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/requests", (HttpContext context, SubmitRequestHandler handler) => handler.HandleAsync(context));
}
