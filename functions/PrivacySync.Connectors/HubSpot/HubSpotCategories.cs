namespace PrivacySync.Connectors.HubSpot;

/// <summary>The data categories the HubSpot connector reports, as named in configuration and on certificates.</summary>
public static class HubSpotCategories
{
    public const string ContactProfile = "contact-profile";
    public const string MarketingSubscriptions = "marketing-subscriptions";
    public const string FormSubmissions = "form-submissions";
    public const string Engagements = "engagements";
    public const string Companies = "companies";
    public const string Deals = "deals";
    public const string Tickets = "tickets";

    /// <summary>Business records the subject is linked to; HubSpot's GDPR delete keeps them and only drops the link.</summary>
    public static readonly IReadOnlyList<string> BusinessRecords = [Companies, Deals, Tickets];
}
