using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>The nightly reports in container <c>dsr-reports</c>, as <c>reports/yyyy-MM-dd/reconciliation.{html,csv,json}</c>.</summary>
public sealed class BlobReportStore(StorageClients clients) : IReportStore
{
    private const string Root = "reports/";
    private readonly BlobContainerClient container = clients.Container(StoreNames.ReportsContainer);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<string> SaveAsync(DateOnly date, string fileName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var name = ReconciliationReport.Folder(date) + fileName;
        await container.GetBlobClient(name).UploadAsync(
            new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return $"{StoreNames.ReportsContainer}/{name}";
    }

    public string Location(DateOnly date) => $"{StoreNames.ReportsContainer}/{ReconciliationReport.Folder(date)}";

    public async Task<OutputContent?> OpenAsync(DateOnly date, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await container.GetBlobClient(ReconciliationReport.Folder(date) + fileName).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            return new OutputContent(download.Content, download.Details.ContentType ?? "application/octet-stream", download.Details.ContentLength);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    public async Task<DateOnly?> LatestAsync(CancellationToken cancellationToken)
    {
        DateOnly? latest = null;
        try
        {
            // One prefix per night (the lifecycle rule keeps about 400); a night counts once its JSON, written last, is there.
            await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", Root, cancellationToken))
            {
                if (item.IsPrefix
                    && DateOnly.TryParseExact(item.Prefix[Root.Length..].TrimEnd('/'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && (latest is null || date > latest)
                    && await container.GetBlobClient(ReconciliationReport.Folder(date) + ReconciliationReport.JsonFile).ExistsAsync(cancellationToken))
                {
                    latest = date;
                }
            }
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null; // no report was ever written
        }

        return latest;
    }
}
