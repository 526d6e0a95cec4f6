using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// GET /api/reports/latest and GET /api/reports/{yyyy-MM-dd}?format=json|html|csv — the nightly reconciliation's
/// report for officers (an officer's Entra ID token, or the Teams flow's naming one, like every request endpoint). JSON by
/// default; 404 when that night has no report.
/// </summary>
public sealed class GetReconciliationReportFunction(IReportStore reports, ApiCallers callers)
{
    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal)
    {
        ["json"] = ReconciliationReport.JsonFile,
        ["html"] = ReconciliationReport.HtmlFile,
        ["csv"] = ReconciliationReport.CsvFile,
    };

    [Function(FunctionNames.GetReconciliationReport)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{date}")] HttpRequest request, string date)
    {
        var context = request.HttpContext;
        var acting = await callers.ActingForReadAsync(context);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        var errors = new List<ApiError>();
        foreach (var name in request.Query.Keys.Where(k => k is not ("format" or ApiRoles.RespondingOfficer)))
        {
            errors.Add(new ApiError(name, "is not a known query parameter (format)"));
        }

        var format = request.Query["format"].Count switch
        {
            0 => "json",
            1 => request.Query["format"][0] ?? "",
            _ => "",
        };
        if (!Formats.TryGetValue(format, out var file))
        {
            errors.Add(new ApiError("format", "must be one of json, html, csv (once)"));
        }

        DateOnly night = default;
        var latest = string.Equals(date, "latest", StringComparison.Ordinal);
        if (!latest && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out night))
        {
            errors.Add(new ApiError("date", "must be 'latest' or a date (yyyy-MM-dd)"));
        }

        if (errors.Count > 0)
        {
            return ApiResults.BadRequest(errors);
        }

        if (latest)
        {
            if (await reports.LatestAsync(context.RequestAborted) is not { } found)
            {
                return ApiResults.NotFound("date", "no reconciliation report has been written yet");
            }

            night = found;
        }

        var content = await reports.OpenAsync(night, file!, context.RequestAborted);
        if (content is null)
        {
            return ApiResults.NotFound("date", "that night has no reconciliation report");
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["X-Report-Date"] = night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Response.RegisterForDisposeAsync(content);
        return Results.Stream(content.Content, content.ContentType);
    }
}
