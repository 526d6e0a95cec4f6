namespace PrivacySync.Connectors.Microsoft365;

/// <summary>How the app authenticates to Entra ID (app-only; the secret or certificate comes from a secret reference).</summary>
public enum Microsoft365CredentialKind
{
    ManagedIdentity,
    ClientSecret,
    Certificate,
}

/// <summary>Mailbox: Outlook REST per mailbox. Ediscovery: Purview eDiscovery (Premium) searches, for large tenants.</summary>
public enum Microsoft365Mode
{
    Mailbox,
    Ediscovery,
}

/// <summary>Which mailboxes are searched for an external person.</summary>
public enum MailboxScope
{
    All,
    Group,
    List,
}

public enum ErasureAction
{
    Delete,
    Retain,
}

/// <summary>What erasure does to one kind of data; Retain needs the legal basis the certificate will name.</summary>
public sealed record ErasureRule
{
    public ErasureAction Action { get; init; } = ErasureAction.Delete;

    public string? LegalBasis { get; init; }

    /// <summary>Years kept from the request date; null when the end is not a date (e.g. "for the employment").</summary>
    public int? RetainYears { get; init; }

    public static ErasureRule Delete { get; } = new();

    public static ErasureRule Retain(string legalBasis, int? years = null) =>
        new() { Action = ErasureAction.Retain, LegalBasis = legalBasis, RetainYears = years };
}

/// <summary>Configuration of one Microsoft 365 tenant connection.</summary>
public sealed class Microsoft365Options
{
    public string TenantId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public Microsoft365CredentialKind Credential { get; set; } = Microsoft365CredentialKind.ManagedIdentity;

    /// <summary>The client secret itself, resolved by the caller from its secret reference.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Path of a PFX or PEM file holding the certificate and private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Client id of a user-assigned managed identity; null uses the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Graph root including the version segment; a national cloud or the sandbox simulator in tests.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    public string TokenScope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>Audience of the Purview eDiscovery export download service.</summary>
    public string EdiscoveryDownloadScope { get; set; } = "b26e684c-5068-4120-a679-64a5d2c909d9/.default";

    public Microsoft365Mode Mode { get; set; } = Microsoft365Mode.Mailbox;

    public MailboxScope MailboxScope { get; set; } = MailboxScope.All;

    /// <summary>Object id of the group whose members' mailboxes are searched (MailboxScope.Group).</summary>
    public string? MailboxGroupId { get; set; }

    /// <summary>Mailbox addresses searched (MailboxScope.List).</summary>
    public IList<string> Mailboxes { get; set; } = [];

    /// <summary>A user whose account is disabled: by default the user is deleted (soft, restorable for 30 days).</summary>
    public ErasureRule FormerEmployee { get; set; } = ErasureRule.Delete;

    public ErasureRule CurrentEmployee { get; set; } =
        ErasureRule.Retain("GDPR Art. 6(1)(b) and (c): the employment contract and employment law");

    /// <summary>An external person's messages in employees' mailboxes.</summary>
    public ErasureRule ExternalMessages { get; set; } = ErasureRule.Delete;

    /// <summary>Contacts holding an external person's address in employees' contact folders.</summary>
    public ErasureRule ExternalContacts { get; set; } = ErasureRule.Delete;

    public string InternalPurpose { get; set; } = "Employment administration and workplace collaboration";

    public string InternalLegalBasis { get; set; } = "GDPR Art. 6(1)(b) (employment contract) and 6(1)(c) (legal obligation)";

    public string ExternalPurpose { get; set; } = "Correspondence with customers, candidates and partners";

    public string ExternalLegalBasis { get; set; } = "GDPR Art. 6(1)(b) (contract) and 6(1)(f) (legitimate interest in business correspondence)";

    public bool IncludeMessageBodies { get; set; } = true;

    public bool IncludeOneDriveContent { get; set; } = true;

    /// <summary>Files larger than this are exported as metadata only.</summary>
    public long OneDriveContentCapBytes { get; set; } = 5 * 1024 * 1024;

    public int PageSize { get; set; } = 100;

    /// <summary>Graph returns at most this many results for one message $search; windows that reach it are split.</summary>
    public int SearchResultCap { get; set; } = 1000;

    /// <summary>Oldest date searched for an external person's messages.</summary>
    public DateOnly SearchFrom { get; set; } = new(2000, 1, 1);

    /// <summary>Outlook allows 4 concurrent requests per app and mailbox; higher values are clamped to 4.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>Retries of 429/503/504 by the SDK's retry handler (it honours Retry-After).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>A standing eDiscovery case to use; when null a case is created per request.</summary>
    public string? EdiscoveryCaseId { get; set; }

    public TimeSpan OperationPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>purgeData removes at most 100 items per mailbox per call; this bounds the purge/re-estimate loop.</summary>
    public int MaxPurgePasses { get; set; } = 100;

    internal int MailboxParallelism => Math.Clamp(MaxConcurrentRequestsPerMailbox, 1, 4);
}
