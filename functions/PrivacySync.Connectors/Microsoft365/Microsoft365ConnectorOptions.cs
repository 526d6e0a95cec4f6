using PrivacySync.Core.Configuration;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// The Connector section of a system of kind "microsoft365" (required: at least Credential). The client secret,
/// certificate password or sandbox token is the app setting named by the system's CredentialReference.
/// </summary>
public sealed record Microsoft365ConnectorOptions
{
    public string? TenantId { get; init; }

    public string? ClientId { get; init; }

    /// <summary>One of <see cref="Microsoft365ConnectorRules.Credentials"/>.</summary>
    public string? Credential { get; init; }

    /// <summary>Certificate credential: PFX or PEM file, relative to the configuration file; its password (if any) is the credential reference.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Managed-identity credential: client id of a user-assigned identity; omitted for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>One of <see cref="Microsoft365ConnectorRules.Modes"/>.</summary>
    public string? Mode { get; init; }

    /// <summary>One of <see cref="Microsoft365ConnectorRules.MailboxScopes"/>: which mailboxes are searched for an external person.</summary>
    public string? MailboxScope { get; init; }

    /// <summary>Object id of the group whose members' mailboxes are searched (scope "group").</summary>
    public string? MailboxGroupId { get; init; }

    /// <summary>Mailbox addresses searched (scope "list"); role mailboxes, not the subject's.</summary>
    public IReadOnlyList<string>? Mailboxes { get; init; }

    public Microsoft365ErasureOptions? Erasure { get; init; }
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
    /// <summary>One of <see cref="Microsoft365ConnectorRules.MailErasureActions"/>.</summary>
    public string? Action { get; init; }

    /// <summary>Required when retained: the basis the certificate names.</summary>
    public string? LegalBasis { get; init; }

    public int? RetainYears { get; init; }
}

/// <summary>Checks a "microsoft365" system's settings, each problem named by its path.</summary>
public static class Microsoft365ConnectorRules
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

    public static void Check(SystemOptions system, Microsoft365ConnectorOptions? connector, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var at = $"{path}.Connector";
        if (connector is null)
        {
            errors.Add(at, $"is required for kind 'microsoft365' (at least Credential: {ValidationErrors.Describe(Credentials)})");
            return;
        }

        errors.OneOf($"{at}.Credential", connector.Credential, Credentials, required: true);
        switch (connector.Credential)
        {
            case ClientSecret:
                RequireTenantAndClient(errors, at, connector);
                errors.CredentialReference(path, system, "the client secret");
                break;
            case Certificate:
                RequireTenantAndClient(errors, at, connector);
                errors.Required($"{at}.CertificatePath", connector.CertificatePath);
                break;
            case StaticToken:
                errors.CredentialReference(path, system, "the bearer token (sandbox only)");
                break;
        }

        errors.OneOf($"{at}.Mode", connector.Mode, Modes, required: false);
        errors.OneOf($"{at}.MailboxScope", connector.MailboxScope, MailboxScopes, required: false);
        if (connector.MailboxScope == "group")
        {
            errors.Required($"{at}.MailboxGroupId", connector.MailboxGroupId);
        }

        var mailboxes = connector.Mailboxes ?? [];
        if (connector.MailboxScope == "list" && mailboxes.Count == 0)
        {
            errors.Add($"{at}.Mailboxes", "at least one mailbox is required when MailboxScope is 'list'");
        }

        for (var i = 0; i < mailboxes.Count; i++)
        {
            errors.Required($"{at}.Mailboxes[{i}]", mailboxes[i]);
        }

        var erasure = connector.Erasure;
        CheckMailRule(errors, $"{at}.Erasure.FormerEmployee", erasure?.FormerEmployee);
        CheckMailRule(errors, $"{at}.Erasure.CurrentEmployee", erasure?.CurrentEmployee);
        CheckMailRule(errors, $"{at}.Erasure.ExternalMessages", erasure?.ExternalMessages);
        CheckMailRule(errors, $"{at}.Erasure.ExternalContacts", erasure?.ExternalContacts);
    }

    private static void CheckMailRule(ValidationErrors errors, string at, MailErasureRuleOptions? rule)
    {
        if (rule is null)
        {
            return;
        }

        errors.OneOf($"{at}.Action", rule.Action, MailErasureActions, required: true);
        if (rule.Action == "retain")
        {
            errors.Required($"{at}.LegalBasis", rule.LegalBasis);
        }

        errors.Range($"{at}.RetainYears", rule.RetainYears, 0, 100);
    }

    private static void RequireTenantAndClient(ValidationErrors errors, string at, Microsoft365ConnectorOptions connector)
    {
        errors.Required($"{at}.TenantId", connector.TenantId);
        errors.Required($"{at}.ClientId", connector.ClientId);
    }
}
