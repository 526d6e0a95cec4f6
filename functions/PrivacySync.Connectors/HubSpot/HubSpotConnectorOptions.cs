using PrivacySync.Core.Configuration;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// The Connector section of a system of kind "hubspot". Every setting is optional; the private-app token is the
/// app setting named by the system's CredentialReference.
/// </summary>
public sealed record HubSpotConnectorOptions
{
    /// <summary>The account's burst tier: requests per rolling 10 seconds (100 on the base tier).</summary>
    public int? RequestsPerTenSeconds { get; init; }

    /// <summary>CRM search requests per second allowed to the token (5).</summary>
    public int? SearchRequestsPerSecond { get; init; }

    /// <summary>Time zone in which the account's daily quota resets (IANA id, e.g. "Europe/Oslo").</summary>
    public string? DailyQuotaTimeZone { get; init; }

    /// <summary>The contact property (single checkbox) that marks a contact's processing as restricted (Art. 18).</summary>
    public string? RestrictionProperty { get; init; }

    /// <summary>Overrides of the connector's purpose / legal basis / retention per HubSpot category (e.g. "deals").</summary>
    public IReadOnlyDictionary<string, HubSpotCategoryOptions>? Categories { get; init; }
}

/// <summary>A HubSpot category's purpose, legal basis and retention as stated to the subject.</summary>
public sealed record HubSpotCategoryOptions
{
    public string? Purpose { get; init; }

    public string? LegalBasis { get; init; }

    public string? Retention { get; init; }

    /// <summary>Years kept after the end of the fiscal year when retained (business records).</summary>
    public int? RetainYears { get; init; }

    /// <summary>Business records only: one of <see cref="HubSpotConnectorRules.Erasures"/>.</summary>
    public string? Erasure { get; init; }
}

/// <summary>Checks a "hubspot" system's settings, each problem named by its path.</summary>
public static class HubSpotConnectorRules
{
    public static IReadOnlyList<string> Erasures { get; } = ["retain", "archive"];

    public static void Check(SystemOptions system, HubSpotConnectorOptions? connector, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.CredentialReference(path, system, "the HubSpot private-app access token");
        if (connector is null)
        {
            return;
        }

        var at = $"{path}.Connector";
        errors.Range($"{at}.RequestsPerTenSeconds", connector.RequestsPerTenSeconds, 1, 10_000);
        errors.Range($"{at}.SearchRequestsPerSecond", connector.SearchRequestsPerSecond, 1, 100);
        if (connector.DailyQuotaTimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add($"{at}.DailyQuotaTimeZone", $"unknown time zone '{zone}'; use an IANA id such as 'Europe/Oslo' or 'UTC'");
        }

        if (connector.RestrictionProperty is { } marker && !HubSpotOptions.IsPropertyName(marker))
        {
            errors.Add($"{at}.RestrictionProperty", "must be a HubSpot internal property name (lower-case letters, digits and '_', starting with a letter)");
        }

        foreach (var (name, policy) in connector.Categories ?? new Dictionary<string, HubSpotCategoryOptions>())
        {
            var here = $"{at}.Categories.{name}";
            if (policy is null)
            {
                errors.Add(here, "is empty");
                continue;
            }

            errors.Required($"{here}.Purpose", policy.Purpose);
            errors.Required($"{here}.LegalBasis", policy.LegalBasis);
            errors.Range($"{here}.RetainYears", policy.RetainYears, 0, 100);
            errors.OneOf($"{here}.Erasure", policy.Erasure, Erasures, required: false);
        }
    }
}
