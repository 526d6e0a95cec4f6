using Newtonsoft.Json.Linq;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>One HubSpot answer, read fully inside the retry pipeline so its body can decide the retry.</summary>
internal sealed record HubSpotResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    private JObject? json;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>HubSpot's rate-limit policy for a 429: TEN_SECONDLY_ROLLING, SECONDLY or DAILY.</summary>
    public string? PolicyName => StatusCode == 429 ? Json?["policyName"]?.ToString() : null;

    public bool IsDailyLimit => string.Equals(PolicyName, "DAILY", StringComparison.OrdinalIgnoreCase);

    public bool IsRetryable => (StatusCode == 429 && !IsDailyLimit) || StatusCode >= 500;

    public JObject? Json
    {
        get
        {
            if (json is null && Body.Length > 0 && Body[0] == '{')
            {
                try { json = JObject.Parse(Body); } catch (Newtonsoft.Json.JsonReaderException) { }
            }

            return json;
        }
    }

    public string? Category => Json?["category"]?.ToString();

    public string? CorrelationId => Json?["correlationId"]?.ToString();
}
