namespace PrivacySync.Sandbox.HubSpot;

internal sealed record SubscriptionDefinition(long Id, string Name, string Description, string Purpose, bool IsDefault = false, bool IsInternal = false);

internal sealed record SubscriptionState(string Status, string? LegalBasis, string? LegalBasisExplanation, DateTimeOffset Timestamp, string Source);

internal sealed partial class HubSpotStore
{
    public static readonly IReadOnlyList<SubscriptionDefinition> SubscriptionDefinitions =
    [
        new(1001, "Newsletter", "Monthly newsletter about our services", "Marketing", IsDefault: true),
        new(1002, "Event invitations", "Invitations to seminars, breakfasts and other events", "Marketing"),
        new(1003, "One to One", "One to one emails", "Sales", IsInternal: true),
    ];

    private readonly Dictionary<string, Dictionary<long, SubscriptionState>> subscriptionStatuses = new(StringComparer.OrdinalIgnoreCase);

    // Addresses that opted out of all email (portal-wide), with when.
    private readonly Dictionary<string, DateTimeOffset> wideOptOuts = new(StringComparer.OrdinalIgnoreCase);

    public static SubscriptionDefinition Definition(string id) =>
        SubscriptionDefinitions.FirstOrDefault(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id)
        ?? throw SandboxApiException.Validation($"Subscription {id} does not exist in this portal", "INVALID_SUBSCRIPTION", "subscriptionId");

    /// <summary>
    /// The statuses HubSpot reports for an address: explicit ones, or every type NOT_SUBSCRIBED from the portal-wide
    /// opt-out. An address with no statuses answers an empty list (sandbox choice, documented).
    /// </summary>
    public IReadOnlyList<(SubscriptionDefinition Definition, SubscriptionState State, string SourceOfStatus)> StatusesOf(string email)
    {
        lock (Sync)
        {
            var explicitStates = subscriptionStatuses.GetValueOrDefault(email.Trim()) ?? [];
            if (wideOptOuts.TryGetValue(email.Trim(), out var optedOutAt))
            {
                return SubscriptionDefinitions
                    .Select(d => (d, new SubscriptionState(
                        "NOT_SUBSCRIBED",
                        explicitStates.GetValueOrDefault(d.Id)?.LegalBasis,
                        explicitStates.GetValueOrDefault(d.Id)?.LegalBasisExplanation,
                        optedOutAt,
                        "API"), "PORTAL_WIDE_STATUS"))
                    .ToList();
            }

            return SubscriptionDefinitions
                .Where(d => explicitStates.ContainsKey(d.Id))
                .Select(d => (d, explicitStates[d.Id], "SUBSCRIPTION_STATUS"))
                .ToList();
        }
    }

    public SubscriptionState SetSubscription(string email, SubscriptionDefinition definition, bool subscribe, string? legalBasis, string? explanation)
    {
        lock (Sync)
        {
            email = email.Trim();
            if (subscribe && wideOptOuts.ContainsKey(email))
            {
                throw SandboxApiException.Validation($"{email} has opted out of all email and cannot be resubscribed through this API", "CONTACT_OPTED_OUT");
            }

            if (!subscriptionStatuses.TryGetValue(email, out var states))
            {
                states = [];
                subscriptionStatuses[email] = states;
            }

            var current = states.GetValueOrDefault(definition.Id);
            if (!subscribe && (current is null || current.Status == "NOT_SUBSCRIBED" || wideOptOuts.ContainsKey(email)))
            {
                throw SandboxApiException.Validation($"{email} is already unsubscribed from subscription {definition.Id}", "ALREADY_UNSUBSCRIBED");
            }

            var state = new SubscriptionState(subscribe ? "SUBSCRIBED" : "NOT_SUBSCRIBED", legalBasis, explanation, Now, "API");
            states[definition.Id] = state;
            return state;
        }
    }

    /// <summary>v4 unsubscribe-all: a portal-wide opt-out; returns the per-type statuses it changed.</summary>
    public IReadOnlyList<(SubscriptionDefinition Definition, SubscriptionState State)> UnsubscribeAll(string email)
    {
        lock (Sync)
        {
            email = email.Trim();
            var now = Now;
            wideOptOuts.TryAdd(email, now);
            var states = subscriptionStatuses.GetValueOrDefault(email) ?? [];
            return SubscriptionDefinitions
                .Select(d => (d, new SubscriptionState("NOT_SUBSCRIBED", states.GetValueOrDefault(d.Id)?.LegalBasis, states.GetValueOrDefault(d.Id)?.LegalBasisExplanation, now, "API")))
                .ToList();
        }
    }

    public DateTimeOffset? WideOptOut(string email)
    {
        lock (Sync) return wideOptOuts.TryGetValue(email.Trim(), out var at) ? at : null;
    }
}
