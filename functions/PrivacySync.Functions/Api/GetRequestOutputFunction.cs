using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// GET /api/requests/{id}/outputs/{file}?officer=&amp;expires=&amp;sig= — a link from CreateOutputLink, used with the
/// bearer token of the officer it was issued to. Streams the export package, certificate or confirmation as an
/// attachment. A bad or expired signature is 403 (checked before anything is read, so nothing can be probed without a
/// link), a link of another officer 403 (audited), a missing output 404.
/// </summary>
public sealed class GetRequestOutputFunction(
    ApiCallers callers, DownloadLinks links, IRequestStore requests, IOutputStore outputs, IAuditLog audit, AccessDenials denials,
    ILogger<GetRequestOutputFunction> logger)
{
    [Function(FunctionNames.GetRequestOutput)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "requests/{id}/outputs/{file}")] HttpRequest request, string id, string file)
    {
        var context = request.HttpContext;
        var query = context.Request.Query;
        var acting = await callers.ActingForReadAsync(context);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        var officer = acting.OfficerId!;
        var known = RequestIds.IsValid(id) && (OutputFiles.All.Contains(file, StringComparer.Ordinal) || AddendumIssuer.IsAddendumFile(file));
        var check = links.Check(id, file, query["officer"], query["expires"], query["sig"], officer);
        if (check == LinkCheck.Invalid)
        {
            // Only values of a known shape reach the log: the path is the caller's text.
            ApiLog.DownloadRefused(logger, known ? file : "(unknown)", known ? id : "(unknown)");
            return ApiCallers.Forbidden("sig", "the download link is not valid or has expired; ask for a new one with POST /api/requests/{id}/outputs/{file}/link");
        }

        if (check == LinkCheck.OtherOfficer)
        {
            await denials.RecordDownloadAsync(id, officer, file, CancellationToken.None);
            return ApiCallers.Forbidden("officer", "this download link was issued to another officer; ask for your own with POST /api/requests/{id}/outputs/{file}/link");
        }

        var stored = await requests.GetAsync(id, context.RequestAborted);
        if (stored is not null && callers.OutsideEntity(stored.Value.LegalEntityId, officer) is { } outside)
        {
            return outside;
        }

        var output = stored is null ? null : await outputs.OpenAsync(id, file, context.RequestAborted);
        if (output is null)
        {
            return ApiResults.NotFound("file", "this output does not exist (yet)");
        }

        await audit.AppendAsync(
            new AuditEntry(id, officer, AuditActions.Downloaded, Details: new Dictionary<string, string> { ["file"] = file }),
            CancellationToken.None);
        ApiLog.Downloaded(logger, file, id);

        // The output is personal data: no caching anywhere, and the link is not passed on as a referrer.
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        context.Response.RegisterForDisposeAsync(output);
        return Results.Stream(output.Content, OutputFiles.ContentType(file), $"{id}-{file}");
    }
}
