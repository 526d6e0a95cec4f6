namespace PrivacySync.Connectors.HubSpot;

/// <summary>What to do with a business-record category (companies, deals, tickets) on erasure.</summary>
public enum HubSpotErasure
{
    /// <summary>Keep the records under the category's legal basis until the retention end (the default).</summary>
    Retain,

    /// <summary>Archive the records that concern only this subject (HubSpot purges archived records after 90 days).</summary>
    Archive,
}

/// <summary>Why a category is processed, on what legal basis, and for how long; shown in exports and certificates.</summary>
public sealed class HubSpotCategoryPolicy
{
    public required string Purpose { get; set; }

    public required string LegalBasis { get; set; }

    public string? Retention { get; set; }

    /// <summary>Years kept after the end of the current fiscal year (taken as the calendar year) when retained.</summary>
    public int? RetainYears { get; set; }

    /// <summary>Only read for companies, deals and tickets; the contact's own data is always removed by GDPR delete.</summary>
    public HubSpotErasure Erasure { get; set; } = HubSpotErasure.Retain;
}

/// <summary>Settings of one HubSpot account connection.</summary>
public sealed class HubSpotOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    /// <summary>The private app's access token. The caller resolves the configured credential reference and sets it here.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The account's burst tier: requests per rolling 10 seconds (100 on the base tier, 190 on higher ones).</summary>
    public int RequestsPerTenSeconds { get; set; } = 100;

    /// <summary>CRM search requests per second allowed to the token.</summary>
    public int SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>Share of the tier the client allows itself, leaving room for clock skew and other integrations.</summary>
    public double QuotaShare { get; set; } = 0.97;

    public int MaxRetryAttempts { get; set; } = 6;

    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed to one HTTP attempt before it counts as a timeout and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time zone of the account, in which HubSpot resets the daily limit at midnight. Defaults to UTC; set it to the
    /// account's zone (e.g. "Europe/Oslo") so a DAILY 429 is requeued for the right moment.
    /// </summary>
    public string DailyQuotaTimeZone { get; set; } = "UTC";

    /// <summary>The contact property (single checkbox) PrivacySync sets while processing is restricted (Art. 18).</summary>
    public string RestrictionProperty { get; set; } = "privacysync_restricted";

    public static bool IsPropertyName(string name) =>
        name.Length is > 0 and <= 100 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>Associations per page when listing a contact's associations (HubSpot allows up to 500).</summary>
    public int AssociationPageSize { get; set; } = 500;

    /// <summary>
    /// When erasure finds no contact, still send GDPR delete by email: HubSpot then blocklists the address so it cannot
    /// be imported again. The outcome says so. When false, nothing is sent and nothing is blocklisted.
    /// </summary>
    public bool BlocklistUnknownAddressesOnErase { get; set; } = true;

    public Dictionary<string, HubSpotCategoryPolicy> Categories { get; set; } = DefaultCategories();

    public HubSpotCategoryPolicy Policy(string category) =>
        Categories.TryGetValue(category, out var policy)
            ? policy
            : throw new InvalidOperationException($"HubSpot connector: no purpose/legal basis configured for category '{category}'");

    /// <summary>Defaults drawn from the privacy policies the product models (contract, consent, bookkeeping law).</summary>
    public static Dictionary<string, HubSpotCategoryPolicy> DefaultCategories() => new(StringComparer.OrdinalIgnoreCase)
    {
        [HubSpotCategories.ContactProfile] = new()
        {
            Purpose = "Customer relationship management: contact details and their change history",
            LegalBasis = "GDPR Art. 6(1)(b) – performance of a contract",
            Retention = "As long as the customer relationship lasts",
        },
        [HubSpotCategories.MarketingSubscriptions] = new()
        {
            Purpose = "Newsletters and event invitations",
            LegalBasis = "GDPR Art. 6(1)(a) – consent",
            Retention = "Until consent is withdrawn",
        },
        [HubSpotCategories.FormSubmissions] = new()
        {
            Purpose = "Enquiries and event registrations sent through our web forms",
            LegalBasis = "GDPR Art. 6(1)(a) – consent",
            Retention = "Until consent is withdrawn or the enquiry is closed",
        },
        [HubSpotCategories.Engagements] = new()
        {
            Purpose = "Record of our communication with you (notes, e-mails, calls, meetings)",
            LegalBasis = "GDPR Art. 6(1)(b) – performance of a contract",
            Retention = "As long as the customer relationship lasts",
        },
        [HubSpotCategories.Companies] = new()
        {
            Purpose = "Business customer relationship: your link to your organisation's customer record",
            LegalBasis = "GDPR Art. 6(1)(c) – legal obligation (bookkeeping)",
            Retention = "5 years after the end of the fiscal year (Bookkeeping Act)",
            RetainYears = 5,
        },
        [HubSpotCategories.Deals] = new()
        {
            Purpose = "Sales and invoicing records",
            LegalBasis = "GDPR Art. 6(1)(c) – legal obligation (bookkeeping)",
            Retention = "5 years after the end of the fiscal year (Bookkeeping Act)",
            RetainYears = 5,
        },
        [HubSpotCategories.Tickets] = new()
        {
            Purpose = "Customer support, complaints and disputes",
            LegalBasis = "GDPR Art. 6(1)(f) – legitimate interest (handling complaints and disputes)",
            Retention = "3 years after the last delivery",
            RetainYears = 3,
        },
    };
}
