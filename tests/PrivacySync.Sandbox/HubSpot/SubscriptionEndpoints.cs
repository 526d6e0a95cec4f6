using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>Communication preferences: v3 definitions, status, subscribe, unsubscribe; v4 unsubscribe-all.</summary>
internal static class SubscriptionEndpoints
{
    private static readonly HashSet<string> LegalBases =
    [
        "LEGITIMATE_INTEREST_PQL", "LEGITIMATE_INTEREST_CLIENT", "PERFORMANCE_OF_CONTRACT", "CONSENT_WITH_NOTICE",
        "NON_GDPR", "PROCESS_AND_STORE", "LEGITIMATE_INTEREST_OTHER",
    ];

    public static void Map(WebApplication app)
    {
        app.MapGet("/communication-preferences/v3/definitions", Definitions);
        app.MapGet("/communication-preferences/v3/status/email/{emailAddress}", Status);
        app.MapPost("/communication-preferences/v3/subscribe", context => Set(context, subscribe: true));
        app.MapPost("/communication-preferences/v3/unsubscribe", context => Set(context, subscribe: false));
        app.MapPost("/communication-preferences/v4/statuses/{subscriberIdString}/unsubscribe-all", UnsubscribeAll);
        app.MapGet("/communication-preferences/v4/statuses/{subscriberIdString}/unsubscribe-all", WideStatus);
    }

    private static HubSpotStore Store(HttpContext context) => context.RequestServices.GetRequiredService<HubSpotStore>();

    private static Task Definitions(HttpContext context)
    {
        var now = HubSpotJson.Timestamp(Store(context).Now);
        var definitions = new JArray(HubSpotStore.SubscriptionDefinitions.Select(d => new JObject
        {
            ["id"] = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = d.Name,
            ["description"] = d.Description,
            ["purpose"] = d.Purpose,
            ["communicationMethod"] = "Email",
            ["isActive"] = true,
            ["isDefault"] = d.IsDefault,
            ["isInternal"] = d.IsInternal,
            ["createdAt"] = now,
            ["updatedAt"] = now,
        }));
        return HubSpotJson.WriteAsync(context, 200, new JObject { ["subscriptionDefinitions"] = definitions });
    }

    private static Task Status(HttpContext context)
    {
        var email = HubSpotJson.Route(context, "emailAddress");
        var statuses = new JArray(Store(context).StatusesOf(email).Select(s => Render(s.Definition, s.State, s.SourceOfStatus)));
        return HubSpotJson.WriteAsync(context, 200, new JObject { ["recipient"] = email, ["subscriptionStatuses"] = statuses });
    }

    private static async Task Set(HttpContext context, bool subscribe)
    {
        var body = await HubSpotJson.ReadObjectAsync(context);
        var email = body["emailAddress"]?.ToString();
        if (string.IsNullOrWhiteSpace(email)) throw SandboxApiException.Validation("emailAddress is required", "REQUIRED", "emailAddress");
        var definition = HubSpotStore.Definition(body["subscriptionId"]?.ToString() ?? "");
        var legalBasis = body["legalBasis"]?.ToString();
        if (legalBasis is not null && !LegalBases.Contains(legalBasis))
        {
            throw SandboxApiException.Validation($"legalBasis must be one of {string.Join(", ", LegalBases)}", "INVALID_ENUM", "legalBasis");
        }

        var state = Store(context).SetSubscription(email, definition, subscribe, legalBasis, body["legalBasisExplanation"]?.ToString());
        await HubSpotJson.WriteAsync(context, 200, Render(definition, state, "SUBSCRIPTION_STATUS"));
    }

    private static async Task UnsubscribeAll(HttpContext context)
    {
        RequireEmailChannel(context);
        var store = Store(context);
        var email = HubSpotJson.Route(context, "subscriberIdString");
        var started = store.Now;
        var changed = store.UnsubscribeAll(email);
        var verbose = string.Equals(HubSpotJson.Query(context, "verbose"), "true", StringComparison.OrdinalIgnoreCase);
        var results = verbose
            ? new JArray(changed.Select(c => new JObject
            {
                ["subscriberIdString"] = email,
                ["subscriptionId"] = c.Definition.Id,
                ["subscriptionName"] = c.Definition.Name,
                ["status"] = c.State.Status,
                ["channel"] = "EMAIL",
                ["source"] = c.State.Source,
                ["legalBasis"] = c.State.LegalBasis,
                ["legalBasisExplanation"] = c.State.LegalBasisExplanation,
                ["setStatusSuccessReason"] = "UNSUBSCRIBE_FROM_ALL_OCCURRED",
                ["timestamp"] = HubSpotJson.Timestamp(c.State.Timestamp),
            }))
            : [];
        await HubSpotJson.WriteAsync(context, 200, CrmObjectEndpoints.BatchEnvelope(results, started, store.Now));
    }

    private static async Task WideStatus(HttpContext context)
    {
        RequireEmailChannel(context);
        var store = Store(context);
        var email = HubSpotJson.Route(context, "subscriberIdString");
        var started = store.Now;
        var results = store.WideOptOut(email) is { } at
            ? new JArray(new JObject
            {
                ["subscriberIdString"] = email,
                ["wideStatusType"] = "PORTAL_WIDE",
                ["status"] = "NOT_SUBSCRIBED",
                ["channel"] = "EMAIL",
                ["timestamp"] = HubSpotJson.Timestamp(at),
            })
            : [];
        await HubSpotJson.WriteAsync(context, 200, CrmObjectEndpoints.BatchEnvelope(results, started, store.Now));
    }

    private static void RequireEmailChannel(HttpContext context)
    {
        var channel = HubSpotJson.Query(context, "channel");
        if (!string.Equals(channel, "EMAIL", StringComparison.Ordinal))
        {
            throw SandboxApiException.Validation("channel is required and must be one of [EMAIL] in this portal", "INVALID_CHANNEL", "channel");
        }
    }

    private static JObject Render(SubscriptionDefinition definition, SubscriptionState state, string sourceOfStatus) => new()
    {
        ["id"] = definition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["name"] = definition.Name,
        ["description"] = definition.Description,
        ["status"] = state.Status,
        ["sourceOfStatus"] = sourceOfStatus,
        ["brandId"] = null,
        ["preferenceGroupName"] = null,
        ["legalBasis"] = state.LegalBasis,
        ["legalBasisExplanation"] = state.LegalBasisExplanation,
    };
}
