using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace PrivacySync.FunctionsHost.ProbeApp;

public static class HttpFunctions
{
    [Function("GetItem")]
    public static IActionResult GetItem(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id}")] HttpRequest request, string id) =>
        new OkObjectResult(new { id, q = request.Query["q"].ToString(), invocation = request.Headers["x-ms-invocation-id"].ToString() });

    [Function("Boom")]
    public static IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException("The probe's HTTP function failed on purpose.");

    [Function("Echo")]
    public static async Task<IActionResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return new ContentResult { Content = body, ContentType = "text/plain", StatusCode = StatusCodes.Status201Created };
    }
}
