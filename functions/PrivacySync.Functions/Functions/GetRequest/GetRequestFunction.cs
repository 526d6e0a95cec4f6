using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Functions.GetRequest;

/// <summary>GET /api/requests/{id}: the request with its per-system tasks and, once produced, download links.</summary>
public sealed class GetRequestFunction : IHttpFunction
{
    public string FunctionName => "GetRequest";

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/requests/{id}", (HttpContext context, string id) => HandleAsync(context.RequestServices, id, context.RequestAborted));

    private static async Task<IResult> HandleAsync(IServiceProvider services, string id, CancellationToken ct)
    {
        if (!RequestIds.IsValid(id))
        {
            return ApiResults.BadRequest([ApiError.InvalidRequestId]);
        }

        var view = await RequestReader.ReadDetailAsync(services, id, ct);
        return view is null ? ApiResults.UnknownRequest() : ApiResults.Json(view);
    }
}
