using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models.Security;
using Microsoft.Graph.Security.Cases.EdiscoveryCases.Item.Searches.Item.MicrosoftGraphSecurityExportReport;
using Microsoft.Graph.Security.Cases.EdiscoveryCases.Item.Searches.Item.MicrosoftGraphSecurityPurgeData;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>A search prepared in an eDiscovery case for one subject.</summary>
internal sealed record EdiscoverySearchRef(string CaseId, string CaseName, string SearchId, string SearchName);

/// <summary>
/// Purview eDiscovery (Premium) through Graph: a case (configured or created), a search for participants:&lt;address&gt;,
/// estimate, item report export and purge. Actions answer 202 with the operation in Location; operations are polled
/// until they finish. Names carry a hash of the address, never the address.
/// </summary>
internal sealed partial class EdiscoverySession(
    GraphServiceClient client, Microsoft365Options options, TokenCredential credential, HttpClient downloads, TimeProvider time, ILogger logger)
{
    private static readonly Regex OperationId = new(@"operations(?:\('|/)(?<id>[^'/()?]+)", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public async Task<EdiscoverySearchRef> PrepareAsync(
        SubjectIdentity subject, IAsyncEnumerable<MailboxRef> mailboxes, CancellationToken cancellationToken)
    {
        var pseudonym = Pseudonym(subject.Email);
        var caseId = options.EdiscoveryCaseId;
        var caseName = "(configured case)";
        if (string.IsNullOrEmpty(caseId))
        {
            caseName = $"PrivacySync DSR {pseudonym}";
            var created = await GraphFailures.Call(
                () => client.Security.Cases.EdiscoveryCases.PostAsync(
                    new EdiscoveryCase { DisplayName = caseName, Description = "Data subject request handled by PrivacySync" }, cancellationToken: cancellationToken),
                "create an eDiscovery case").ConfigureAwait(false);
            caseId = created!.Id!;
        }

        var searchName = $"PrivacySync {pseudonym} {time.GetUtcNow():yyyyMMddHHmmss}";
        var query = string.Join(" OR ", subject.AllEmails.Select(e => $"participants:{GraphQueryValues.KqlPhrase(e)}"));
        var allMailboxes = options.MailboxScope == MailboxScope.All;
        var search = await GraphFailures.Call(
            () => client.Security.Cases.EdiscoveryCases[caseId].Searches.PostAsync(
                new EdiscoverySearch
                {
                    DisplayName = searchName,
                    ContentQuery = query,
                    DataSourceScopes = allMailboxes ? DataSourceScopes.AllTenantMailboxes : DataSourceScopes.None,
                }, cancellationToken: cancellationToken),
            "create an eDiscovery search").ConfigureAwait(false);
        if (!allMailboxes)
        {
            await foreach (var mailbox in mailboxes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await GraphFailures.Call(
                    () => client.Security.Cases.EdiscoveryCases[caseId].Searches[search!.Id].AdditionalSources.PostAsync(
                        new UserSource { Email = mailbox.Address, IncludedSources = SourceType.Mailbox }, cancellationToken: cancellationToken),
                    "add a mailbox to the eDiscovery search").ConfigureAwait(false);
            }
        }

        return new EdiscoverySearchRef(caseId, caseName, search!.Id!, searchName);
    }

    public async Task<long> EstimateAsync(EdiscoverySearchRef search, CancellationToken cancellationToken)
    {
        var location = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await GraphFailures.Call(
            () => client.Security.Cases.EdiscoveryCases[search.CaseId].Searches[search.SearchId].MicrosoftGraphSecurityEstimateStatistics
                .PostAsync(r => r.Options.Add(location), cancellationToken),
            "start an eDiscovery estimate").ConfigureAwait(false);
        var operation = await WaitAsync(search.CaseId, location, "estimate", cancellationToken).ConfigureAwait(false);
        return (operation as EdiscoveryEstimateOperation)?.IndexedItemCount ?? 0;
    }

    public async Task PurgeAsync(EdiscoverySearchRef search, CancellationToken cancellationToken)
    {
        var location = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await GraphFailures.Call(
            () => client.Security.Cases.EdiscoveryCases[search.CaseId].Searches[search.SearchId].MicrosoftGraphSecurityPurgeData.PostAsync(
                new PurgeDataPostRequestBody { PurgeType = PurgeType.PermanentlyDelete, PurgeAreas = PurgeAreas.Mailboxes },
                r => r.Options.Add(location), cancellationToken),
            "start an eDiscovery purge").ConfigureAwait(false);
        await WaitAsync(search.CaseId, location, "purge", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exports the item report and streams its rows, one JSON object per item.</summary>
    public async IAsyncEnumerable<JObject> ReportRowsAsync(EdiscoverySearchRef search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var location = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await GraphFailures.Call(
            () => client.Security.Cases.EdiscoveryCases[search.CaseId].Searches[search.SearchId].MicrosoftGraphSecurityExportReport.PostAsync(
                new ExportReportPostRequestBody
                {
                    DisplayName = search.SearchName,
                    ExportCriteria = ExportCriteria.SearchHits,
                    ExportLocation = ExportLocation.ResponsiveLocations,
                    AdditionalOptions = AdditionalOptions.None,
                },
                r => r.Options.Add(location), cancellationToken),
            "start an eDiscovery report export").ConfigureAwait(false);
        var operation = await WaitAsync(search.CaseId, location, "report export", cancellationToken).ConfigureAwait(false);
        foreach (var file in (operation as EdiscoverySearchExportOperation)?.ExportFileMetadata ?? [])
        {
            var path = Path.GetTempFileName();

            // The report is a zip; ZipArchive needs a seekable stream, so it is spooled to a temporary file, not memory.
            var spool = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (spool.ConfigureAwait(false))
            {
                await DownloadAsync(file, spool, cancellationToken).ConfigureAwait(false);
                spool.Position = 0;
                await foreach (var row in ItemReport.RowsAsync(spool, cancellationToken).ConfigureAwait(false))
                {
                    yield return row;
                }
            }
        }
    }

    private async Task DownloadAsync(ExportFileMetadata file, Stream target, CancellationToken cancellationToken)
    {
        // The Purview download service takes a token for its own audience plus X-AllowWithAADToken.
        var token = await credential.GetTokenAsync(new TokenRequestContext([options.EdiscoveryDownloadScope]), cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, file.DownloadUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Add("X-AllowWithAADToken", "true");
        HttpResponseMessage response;
        try
        {
            response = await downloads.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientConnectorException("Microsoft 365: network failure while downloading an eDiscovery export.", null, e);
        }

        using (response)
        {
            if ((int)response.StatusCode is 429 or >= 500)
            {
                throw new TransientConnectorException(
                    $"Microsoft 365: the eDiscovery export download answered {(int)response.StatusCode}; retry later.", response.Headers.RetryAfter?.Delta);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PermanentConnectorException(
                    $"Microsoft 365: the eDiscovery export download answered {(int)response.StatusCode}; check that the app may use the Purview download service.");
            }

            await response.Content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CaseOperation> WaitAsync(string caseId, HeadersInspectionHandlerOption location, string what, CancellationToken cancellationToken)
    {
        var header = location.ResponseHeaders.TryGetValue("Location", out var values) ? values.FirstOrDefault() : null;
        var match = header is null ? null : OperationId.Match(header);
        if (match is not { Success: true })
        {
            throw new PermanentConnectorException($"Microsoft 365: the eDiscovery {what} was accepted without an operation location.");
        }

        var operationId = match.Groups["id"].Value;
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var operation = await GraphFailures.Call(
                () => client.Security.Cases.EdiscoveryCases[caseId].Operations[operationId].GetAsync(cancellationToken: cancellationToken),
                $"read the eDiscovery {what} operation").ConfigureAwait(false);
            switch (operation?.Status)
            {
                case CaseOperationStatus.Succeeded:
                case CaseOperationStatus.PartiallySucceeded:
                    return operation;
                case CaseOperationStatus.Failed:
                case CaseOperationStatus.SubmissionFailed:
                    throw new PermanentConnectorException($"Microsoft 365: the eDiscovery {what} operation failed; see the case's Processes tab in Microsoft Purview.");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TransientConnectorException($"Microsoft 365: the eDiscovery {what} is still running after {options.OperationTimeout}; retry later.");
            }

            LogOperationPending(logger, what, operation?.PercentProgress ?? 0);
            await Task.Delay(options.OperationPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static string Pseudonym(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..12];

    [LoggerMessage(EventId = 5111, Level = LogLevel.Debug, Message = "eDiscovery {What} operation at {Percent}%")]
    private static partial void LogOperationPending(ILogger logger, string what, int percent);
}
