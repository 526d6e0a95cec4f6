using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// GET /api/requests/{id}/outputs/{file}?expires=&amp;sig= — anonymous, because the expiring signed link (from
/// GetRequest) is the credential. Streams the export package, certificate or confirmation as an attachment;
/// a bad or expired signature is 403 (checked first, so nothing can be probed without a link), a missing output 404.
/// </summary>
public sealed class GetRequestOutputFunction(DownloadLinks links, IOutputStore outputs, IAuditLog audit, ILogger<GetRequestOutputFunction> logger)
{
    private static readonly string[] Files = [OutputFiles.ExportPackage, OutputFiles.Certificate, OutputFiles.Confirmation, OutputFiles.Letter];

    [Function(FunctionNames.GetRequestOutput)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "requests/{id}/outputs/{file}")] HttpRequest request, string id, string file)
    {
        var context = request.HttpContext;
        var known = RequestIds.IsValid(id) && (Files.Contains(file, StringComparer.Ordinal) || AddendumIssuer.IsAddendumFile(file));
        var query = context.Request.Query;
        if (!links.IsValid(id, file, query["expires"], query["sig"]))
        {
            // Only values of a known shape reach the log: the path is the caller's text.
            ApiLog.DownloadRefused(logger, known ? file : "(unknown)", known ? id : "(unknown)");
            return ApiResults.Error(StatusCodes.Status403Forbidden, "sig", "the download link is not valid or has expired; ask for a new one with GET /api/requests/{id}");
        }

        var output = known ? await outputs.OpenAsync(id, file, context.RequestAborted) : null;
        if (output is null)
        {
            return ApiResults.NotFound("file", "this output does not exist (yet)");
        }

        await audit.AppendAsync(
            new AuditEntry(id, "download-link", AuditActions.Downloaded, Details: new Dictionary<string, string> { ["file"] = file }),
            context.RequestAborted);
        ApiLog.Downloaded(logger, file, id);

        // The output is personal data: no caching anywhere, and the signed URL is not passed on as a referrer.
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        context.Response.RegisterForDisposeAsync(output);
        return Results.Stream(output.Content, OutputFiles.ContentType(file), $"{id}-{file}");
    }
}
