using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Cli;

/// <summary>An HTTP call that did not give the expected answer; the message says which call and what came back.</summary>
public sealed class JsonApiException(string message) : Exception(message);

/// <summary>
/// A small JSON client for the seeder and the officer-side demo: bearer or function-key auth, 429/503 retried as
/// Retry-After says (a few times), any other failure raised with the call and the response body.
/// </summary>
public sealed class JsonApi : IDisposable
{
    private const int MaxRetries = 8;
    private static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None };

    private readonly HttpClient http;
    private readonly string name;

    public JsonApi(string name, Uri baseAddress, Action<HttpRequestHeaders>? authenticate = null)
    {
        this.name = name;
        http = new HttpClient { BaseAddress = WithSlash(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
        authenticate?.Invoke(http.DefaultRequestHeaders);
    }

    public static JsonApi Bearer(string name, Uri baseAddress, string token) =>
        new(name, baseAddress, headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

    public Uri BaseAddress => http.BaseAddress!;

    public Task<JToken> PostAsync(string path, JToken body, CancellationToken ct, params HttpStatusCode[] expected) =>
        SendAsync(HttpMethod.Post, path, body, ct, expected);

    public Task<JToken> PutAsync(string path, JToken body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

    public Task<JToken> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <summary>Raw bytes (downloads through expiring links, which carry their own signature and need no key).</summary>
    public async Task<byte[]> DownloadAsync(string pathOrUrl, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(pathOrUrl.TrimStart('/'), ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new JsonApiException($"{name}: GET {Describe(pathOrUrl)} failed: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new JsonApiException($"{name}: GET {Describe(pathOrUrl)} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(ct))}");
            }

            return await response.Content.ReadAsByteArrayAsync(ct);
        }
    }

    public async Task<JToken> SendAsync(HttpMethod method, string path, JToken? body, CancellationToken ct, params HttpStatusCode[] expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                throw new JsonApiException($"{name}: {method} {Describe(path)} could not reach {http.BaseAddress}: {e.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new JsonApiException($"{name}: {method} {Describe(path)} got no answer within {http.Timeout.TotalSeconds:0} s.");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < MaxRetries)
                {
                    await Task.Delay(RetryDelay(response, attempt), ct);
                    continue;
                }

                var ok = expected.Length == 0 ? response.IsSuccessStatusCode : expected.Contains(response.StatusCode);
                if (!ok)
                {
                    throw new JsonApiException($"{name}: {method} {Describe(path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}");
                }

                return string.IsNullOrWhiteSpace(text) ? new JObject() : JsonConvert.DeserializeObject<JToken>(text, Settings)!;
            }
        }
    }

    public void Dispose() => http.Dispose();

    private static TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.FromMilliseconds(250 * attempt);
    }

    // Paths can hold an email address (HubSpot by-email routes): only the route's shape is shown.
    private static string Describe(string path) => path.Split('?')[0];

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
