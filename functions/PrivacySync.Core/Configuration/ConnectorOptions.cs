using System.Text;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Kind-specific settings of a connected system (<see cref="SystemOptions.Connector"/>). One record serves every kind
/// so that an unknown setting is still an error; the validator refuses a setting that belongs to another kind.
/// Secrets are never here: <see cref="SystemOptions.CredentialReference"/> and every <c>…Setting</c> property name an
/// app setting (environment variable, Key Vault reference) that holds the value.
/// </summary>
public sealed record ConnectorOptions
{
    // hubspot

    /// <summary>The account's burst tier: requests per rolling 10 seconds (100 on the base tier).</summary>
    public int? RequestsPerTenSeconds { get; init; }

    /// <summary>CRM search requests per second allowed to the token (5).</summary>
    public int? SearchRequestsPerSecond { get; init; }

    /// <summary>Time zone in which the account's daily quota resets (IANA id, e.g. "Europe/Oslo").</summary>
    public string? DailyQuotaTimeZone { get; init; }

    /// <summary>Overrides of the connector's purpose / legal basis / retention per HubSpot category (e.g. "deals").</summary>
    public IReadOnlyDictionary<string, HubSpotCategoryOptions>? Categories { get; init; }

    // microsoft365

    public string? TenantId { get; init; }

    public string? ClientId { get; init; }

    /// <summary>One of <see cref="ConnectorValues.Credentials"/>.</summary>
    public string? Credential { get; init; }

    /// <summary>Certificate credential: PFX or PEM file, relative to the configuration file; its password (if any) is the credential reference.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Managed-identity credential: client id of a user-assigned identity; omitted for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>One of <see cref="ConnectorValues.Modes"/>.</summary>
    public string? Mode { get; init; }

    /// <summary>One of <see cref="ConnectorValues.MailboxScopes"/>: which mailboxes are searched for an external person.</summary>
    public string? MailboxScope { get; init; }

    /// <summary>Object id of the group whose members' mailboxes are searched (scope "group").</summary>
    public string? MailboxGroupId { get; init; }

    /// <summary>Mailbox addresses searched (scope "list"); role mailboxes, not the subject's.</summary>
    public IReadOnlyList<string>? Mailboxes { get; init; }

    public Microsoft365ErasureOptions? Erasure { get; init; }

    // hr-sql

    /// <summary>One of <see cref="ConnectorValues.Providers"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>The mapping file, relative to the configuration file.</summary>
    public string? Mapping { get; init; }

    /// <summary>App setting holding the key of the HR system's hmac-sha256 national-id hashes.</summary>
    public string? NationalIdHashKeySetting { get; init; }

    /// <summary>App setting holding the key for pseudonyms of erased columns; omitted: a random key per process.</summary>
    public string? PseudonymisationKeySetting { get; init; }

    // hr-sql and hr-rest

    /// <summary>Rows (hr-sql) or records (hr-rest) per page when exporting.</summary>
    public int? PageSize { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, Credential = {Credential}");
        return true;
    }
}

/// <summary>A HubSpot category's purpose, legal basis and retention as stated to the subject.</summary>
public sealed record HubSpotCategoryOptions
{
    public string? Purpose { get; init; }

    public string? LegalBasis { get; init; }

    public string? Retention { get; init; }

    /// <summary>Years kept after the end of the fiscal year when retained (business records).</summary>
    public int? RetainYears { get; init; }

    /// <summary>Business records only: one of <see cref="ConnectorValues.HubSpotErasures"/>.</summary>
    public string? Erasure { get; init; }
}

/// <summary>What erasure does in Microsoft 365, per kind of data.</summary>
public sealed record Microsoft365ErasureOptions
{
    /// <summary>A subject whose account is disabled.</summary>
    public MailErasureRuleOptions? FormerEmployee { get; init; }

    /// <summary>A subject whose account is enabled.</summary>
    public MailErasureRuleOptions? CurrentEmployee { get; init; }

    /// <summary>An external person's messages in employees' mailboxes.</summary>
    public MailErasureRuleOptions? ExternalMessages { get; init; }

    /// <summary>Contacts holding an external person's address.</summary>
    public MailErasureRuleOptions? ExternalContacts { get; init; }
}

public sealed record MailErasureRuleOptions
{
    /// <summary>One of <see cref="ConnectorValues.MailErasureActions"/>.</summary>
    public string? Action { get; init; }

    /// <summary>Required when retained: the basis the certificate names.</summary>
    public string? LegalBasis { get; init; }

    public int? RetainYears { get; init; }
}

/// <summary>The allowed values of <see cref="ConnectorOptions"/>' text settings.</summary>
public static class ConnectorValues
{
    public const string ClientSecret = "client-secret";
    public const string Certificate = "certificate";
    public const string ManagedIdentity = "managed-identity";

    /// <summary>A bearer token read from the credential reference, sent as is. For the sandbox Graph simulator only.</summary>
    public const string StaticToken = "static-token";

    public static IReadOnlyList<string> Credentials { get; } = [ClientSecret, Certificate, ManagedIdentity, StaticToken];

    public static IReadOnlyList<string> Modes { get; } = ["mailbox", "ediscovery"];

    public static IReadOnlyList<string> MailboxScopes { get; } = ["all", "group", "list"];

    public static IReadOnlyList<string> MailErasureActions { get; } = ["delete", "retain"];

    public static IReadOnlyList<string> HubSpotErasures { get; } = ["retain", "archive"];

    public static IReadOnlyList<string> Providers { get; } = ["postgresql", "sqlite"];
}
