using Azure.Core;
using Azure.Core.Pipeline;

namespace PrivacySync.Storage.Http;

internal enum SharedKeyFlavor
{
    BlobQueue,
    Table,
}

/// <summary>
/// Signs each attempt (it runs per retry, after <see cref="StorageDatePolicy"/>, so a retried request carries a
/// fresh date and signature). It must stay the last policy that touches x-ms- headers.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] key, SharedKeyFlavor flavor) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var headers = request.Headers.Select(h => (h.Name, h.Value));
        var stringToSign = flavor == SharedKeyFlavor.Table
            ? SharedKeySigner.TableStringToSign(request.Method.Method, uri, headers, accountName)
            : SharedKeySigner.BlobQueueStringToSign(request.Method.Method, uri, headers, ContentLength(request), accountName);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {accountName}:{SharedKeySigner.Sign(key, stringToSign)}");
    }

    private static long? ContentLength(Request request) =>
        request.Content is { } content && content.TryComputeLength(out var length) ? length : null;
}

/// <summary>Stamps x-ms-date on every attempt; Shared Key signs it and the service rejects stale dates.</summary>
internal sealed class StorageDatePolicy(TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-date", time.GetUtcNow().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
