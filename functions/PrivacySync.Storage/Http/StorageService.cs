using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PrivacySync.Storage.Http;

/// <summary>One storage service endpoint (blob, queue or table) with its pipeline and service version.</summary>
internal sealed class StorageService(HttpPipeline pipeline, Uri endpoint, string version)
{
    public Uri Endpoint { get; } = endpoint;

    /// <summary>Creates a request to <c>{endpoint}/{path}?{query}</c>. <paramref name="path"/> must already be escaped.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path, params (string Name, string? Value)[] query)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = new StringBuilder(Endpoint.AbsoluteUri.TrimEnd('/'));
        if (path.Length > 0)
        {
            uri.Append('/').Append(path);
        }

        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            uri.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        request.Uri.Reset(new Uri(uri.ToString()));
        request.Headers.SetValue("x-ms-version", version);
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken ct)
    {
        await pipeline.SendAsync(message, ct).ConfigureAwait(false);
        return message.Response;
    }

    /// <summary>Sends and throws the typed exception unless the status is one of <paramref name="expected"/>.</summary>
    public async Task<Response> SendExpectingAsync(
        HttpMessage message, string operation, CancellationToken ct, ErrorContext context, params int[] expected)
    {
        var response = await SendAsync(message, ct).ConfigureAwait(false);
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw StorageErrors.FromResponse(operation, response, context);
        }

        return response;
    }

    public static string EscapeSegments(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string RequiredHeader(Response response, string name, string operation) =>
        response.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new StorageRequestException($"{operation} (response without {name})", response.Status, null);
}
