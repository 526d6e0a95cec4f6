using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>The answer of one post: delivered, or why not and whether trying again can help (and after how long).</summary>
public sealed record PostResult(bool Delivered, int Status, string? Reason, bool Transient, TimeSpan? RetryAfter);

/// <summary>Posts one Workflows message to a webhook URL, paced per webhook. Failures are results, not exceptions.</summary>
public sealed class TeamsWebhookClient(HttpClient http, WebhookPacer pacer)
{
    public const string HttpClientName = "teams-webhook";

    public async Task<PostResult> PostAsync(string paceKey, string url, JObject message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return new PostResult(false, 0, "the webhook setting does not hold an absolute http(s) URL", false, null);
        }

        await pacer.WaitTurnAsync(paceKey, ct);
        try
        {
            using var content = new StringContent(message.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(uri, content, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new PostResult(true, status, null, false, null);
            }

            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
            return new PostResult(false, status, $"the webhook answered HTTP {status}", transient, retryAfter);
        }
        catch (HttpRequestException e)
        {
            return new PostResult(false, 0, $"the webhook could not be reached ({e.HttpRequestError})", true, null);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PostResult(false, 0, "the webhook did not answer in time", true, null);
        }
    }
}
