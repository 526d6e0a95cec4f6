using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// POST /api/requests/{id}/outputs/{file}/link {lifetimeMinutes?} (bearer token; the Teams flow adds respondingOfficer)
/// → 201 {file, url, expiresAt}: a download link bound to this request, this file and the officer who asked, valid
/// for <c>PrivacySync:LinkLifetime</c> or the shorter lifetime asked for. 400 invalid, 403 another entity's request,
/// 404 unknown request or an output it has not produced. Each issued link is on the audit trail.
/// The first link asked for <c>export-protected.zip</c> makes the AES-256 password-protected copy of the export package
/// and carries its generated <c>password</c>, once: later links to the copy come without it (nothing stores it).
/// </summary>
public sealed class CreateOutputLinkFunction(
    ApiCallers callers, IRequestStore requests, DownloadLinks links, IAuditLog audit, ProtectedPackages protectedPackages,
    ILogger<CreateOutputLinkFunction> logger)
{
    [Function(FunctionNames.CreateOutputLink)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests/{id}/outputs/{file}/link")] HttpRequest request, string id, string file)
    {
        var context = request.HttpContext;
        var caller = await callers.AuthenticateAsync(context);
        if (caller.Refusal is not null)
        {
            return caller.Refusal;
        }

        // The body is optional: no body asks for a link of the configured lifetime.
        var read = await JsonBody.ReadAsync(request, context.RequestAborted);
        if (read.TooLarge)
        {
            return ApiResults.TooLarge();
        }

        var body = read == BodyRead.Empty ? new JObject() : read.Body;
        if (body is null)
        {
            return ApiResults.BadRequest([read.Error!]);
        }

        var acting = callers.Acting(caller.Caller!, body);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        var errors = new List<ApiError>();
        if (!RequestIds.IsValid(id))
        {
            errors.Add(ApiError.InvalidRequestId);
        }

        if (!OutputFiles.All.Contains(file, StringComparer.Ordinal) && !AddendumIssuer.IsAddendumFile(file))
        {
            errors.Add(new ApiError("file", $"must be one of {string.Join(", ", OutputFiles.All.Select(f => $"'{f}'"))} or a certificate addendum"));
        }

        var lifetime = Lifetime(body, errors);
        foreach (var property in body.Properties().Where(p => p.Name != "lifetimeMinutes"))
        {
            errors.Add(new ApiError(property.Name, "is not a known property (lifetimeMinutes)"));
        }

        if (errors.Count > 0)
        {
            return ApiResults.BadRequest(errors);
        }

        var stored = await requests.GetAsync(id, context.RequestAborted);
        if (stored is null)
        {
            return ApiResults.UnknownRequest();
        }

        var officer = acting.OfficerId!;
        if (callers.OutsideEntity(stored.Value.LegalEntityId, officer) is { } outside)
        {
            return outside;
        }

        string? password = null;
        if (file == OutputFiles.ProtectedExportPackage && stored.Value.Outputs.Contains(OutputFiles.ExportPackage, StringComparer.Ordinal))
        {
            var made = await protectedPackages.EnsureAsync(stored.Value, officer, context.RequestAborted);
            if (!made.Found)
            {
                return ApiResults.NotFound("file", "the export package is no longer kept (its retention ended)");
            }

            password = made.Password;
        }
        else if (!stored.Value.Outputs.Contains(file, StringComparer.Ordinal))
        {
            return ApiResults.NotFound("file", "this request has not produced this output (yet)");
        }

        var link = links.Issue(id, file, officer, lifetime);
        await audit.AppendAsync(
            new AuditEntry(id, officer, AuditActions.LinkIssued, Details: new Dictionary<string, string>
            {
                ["file"] = file,
                ["expiresAt"] = link.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }),
            CancellationToken.None);
        ApiLog.LinkIssued(logger, file, id);
        context.Response.Headers.CacheControl = "no-store";
        var answer = new JObject
        {
            ["file"] = file,
            ["url"] = link.Url,
            ["expiresAt"] = link.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (password is not null)
        {
            // Shown this once, for the officer to send by another channel than the package.
            answer["password"] = password;
            answer["passwordNote"] = "Shown once and not stored: send it to the subject by another channel than the package.";
        }

        return ApiResults.Json(answer, StatusCodes.Status201Created);
    }

    private TimeSpan? Lifetime(JObject body, List<ApiError> errors)
    {
        if (body["lifetimeMinutes"] is not { } token || token.Type == JTokenType.Null)
        {
            return null;
        }

        var most = (int)links.Lifetime.TotalMinutes;
        if (token.Type != JTokenType.Integer || (long)token < 1 || (long)token > most)
        {
            errors.Add(new ApiError("lifetimeMinutes", $"must be a whole number of minutes from 1 to {most} (PrivacySync:LinkLifetime)"));
            return null;
        }

        return TimeSpan.FromMinutes((long)token);
    }
}
