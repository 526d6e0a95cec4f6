using System.Net;
using Azure.Core.Pipeline;
using PrivacySync.Storage;

namespace PrivacySync.Tests.Storage;

/// <summary>
/// The unit seam under Azure.Core's transport: records each request exactly as it would go on the wire and
/// answers with whatever the test scripts, so signing and retry behaviour can be checked without a server.
/// </summary>
internal sealed class RecordingHandler(Func<SentRequest, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<SentRequest> Requests { get; } = [];

    public static StorageClientOptions Options(RecordingHandler handler, TimeProvider time)
    {
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            TimeProvider = time,
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 3;
        return options;
    }

    public static HttpResponseMessage Status(int status, string? errorCode = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent([]) };
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
        }

        foreach (var (name, value) in headers)
        {
            // Last-Modified and friends are content headers in HttpClient's model.
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var sent = new SentRequest(request.Method.Method, request.RequestUri!, headers, body);
        Requests.Add(sent);
        return respond(sent, Requests.Count(r => r.Uri == sent.Uri && r.Method == sent.Method));
    }
}

internal sealed record SentRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>A clock that starts at a fixed instant and moves on by <paramref name="step"/> each time it is read.</summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now += step;
        return now;
    }
}
