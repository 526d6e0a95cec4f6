namespace PrivacySync.Core.Configuration;

/// <summary>Checks a system's <see cref="SystemOptions.Connector"/> settings and credential reference against its kind.</summary>
internal static class ConnectorRules
{
    private static readonly (string Name, string[] Kinds, Func<ConnectorOptions, bool> IsSet)[] Fields =
    [
        (nameof(ConnectorOptions.RequestsPerTenSeconds), [SystemKinds.HubSpot], c => c.RequestsPerTenSeconds is not null),
        (nameof(ConnectorOptions.SearchRequestsPerSecond), [SystemKinds.HubSpot], c => c.SearchRequestsPerSecond is not null),
        (nameof(ConnectorOptions.DailyQuotaTimeZone), [SystemKinds.HubSpot], c => c.DailyQuotaTimeZone is not null),
        (nameof(ConnectorOptions.Categories), [SystemKinds.HubSpot], c => c.Categories is not null),
        (nameof(ConnectorOptions.TenantId), [SystemKinds.Microsoft365], c => c.TenantId is not null),
        (nameof(ConnectorOptions.ClientId), [SystemKinds.Microsoft365], c => c.ClientId is not null),
        (nameof(ConnectorOptions.Credential), [SystemKinds.Microsoft365], c => c.Credential is not null),
        (nameof(ConnectorOptions.CertificatePath), [SystemKinds.Microsoft365], c => c.CertificatePath is not null),
        (nameof(ConnectorOptions.ManagedIdentityClientId), [SystemKinds.Microsoft365], c => c.ManagedIdentityClientId is not null),
        (nameof(ConnectorOptions.Mode), [SystemKinds.Microsoft365], c => c.Mode is not null),
        (nameof(ConnectorOptions.MailboxScope), [SystemKinds.Microsoft365], c => c.MailboxScope is not null),
        (nameof(ConnectorOptions.MailboxGroupId), [SystemKinds.Microsoft365], c => c.MailboxGroupId is not null),
        (nameof(ConnectorOptions.Mailboxes), [SystemKinds.Microsoft365], c => c.Mailboxes is not null),
        (nameof(ConnectorOptions.Erasure), [SystemKinds.Microsoft365], c => c.Erasure is not null),
        (nameof(ConnectorOptions.Provider), [SystemKinds.HrSql], c => c.Provider is not null),
        (nameof(ConnectorOptions.Mapping), [SystemKinds.HrSql], c => c.Mapping is not null),
        (nameof(ConnectorOptions.NationalIdHashKeySetting), [SystemKinds.HrSql], c => c.NationalIdHashKeySetting is not null),
        (nameof(ConnectorOptions.PseudonymisationKeySetting), [SystemKinds.HrSql], c => c.PseudonymisationKeySetting is not null),
        (nameof(ConnectorOptions.PageSize), [SystemKinds.HrSql, SystemKinds.HrRest], c => c.PageSize is not null),
    ];

    public static void Check(ValidationErrors errors, string path, SystemOptions system)
    {
        var connector = system.Connector;
        var at = $"{path}.Connector";
        if (connector is not null && system.Kind is { } kind && SystemKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            foreach (var (name, kinds, isSet) in Fields)
            {
                if (isSet(connector) && !kinds.Contains(kind, StringComparer.Ordinal))
                {
                    errors.Add($"{at}.{name}", $"is not a setting of kind '{kind}' (it belongs to {string.Join(" and ", kinds.Select(k => $"'{k}'"))})");
                }
            }
        }

        switch (system.Kind)
        {
            case SystemKinds.HubSpot:
                RequireCredential(errors, path, system, "the HubSpot private-app access token");
                if (connector is not null)
                {
                    CheckHubSpot(errors, at, connector);
                }

                break;
            case SystemKinds.Microsoft365:
                CheckMicrosoft365(errors, path, system);
                break;
            case SystemKinds.HrSql:
                RequireCredential(errors, path, system, "the database connection string");
                CheckHrSql(errors, at, connector);
                break;
            case SystemKinds.HrRest:
                RequireCredential(errors, path, system, "the HMAC signing key shared with the system");
                CheckRange(errors, $"{at}.PageSize", connector?.PageSize, 1, 10_000);
                break;
        }
    }

    private static void CheckHubSpot(ValidationErrors errors, string at, ConnectorOptions connector)
    {
        CheckRange(errors, $"{at}.RequestsPerTenSeconds", connector.RequestsPerTenSeconds, 1, 10_000);
        CheckRange(errors, $"{at}.SearchRequestsPerSecond", connector.SearchRequestsPerSecond, 1, 100);
        if (connector.DailyQuotaTimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add($"{at}.DailyQuotaTimeZone", $"unknown time zone '{zone}'; use an IANA id such as 'Europe/Oslo' or 'UTC'");
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
            CheckRange(errors, $"{here}.RetainYears", policy.RetainYears, 0, 100);
            OneOf(errors, $"{here}.Erasure", policy.Erasure, ConnectorValues.HubSpotErasures, required: false);
        }
    }

    private static void CheckMicrosoft365(ValidationErrors errors, string path, SystemOptions system)
    {
        var at = $"{path}.Connector";
        var connector = system.Connector;
        if (connector is null)
        {
            errors.Add(at, $"is required for kind 'microsoft365' (at least Credential: {Describe(ConnectorValues.Credentials)})");
            return;
        }

        OneOf(errors, $"{at}.Credential", connector.Credential, ConnectorValues.Credentials, required: true);
        switch (connector.Credential)
        {
            case ConnectorValues.ClientSecret:
                RequireTenantAndClient(errors, at, connector);
                RequireCredential(errors, path, system, "the client secret");
                break;
            case ConnectorValues.Certificate:
                RequireTenantAndClient(errors, at, connector);
                errors.Required($"{at}.CertificatePath", connector.CertificatePath);
                break;
            case ConnectorValues.StaticToken:
                RequireCredential(errors, path, system, "the bearer token (sandbox only)");
                break;
        }

        OneOf(errors, $"{at}.Mode", connector.Mode, ConnectorValues.Modes, required: false);
        OneOf(errors, $"{at}.MailboxScope", connector.MailboxScope, ConnectorValues.MailboxScopes, required: false);
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

        OneOf(errors, $"{at}.Action", rule.Action, ConnectorValues.MailErasureActions, required: true);
        if (rule.Action == "retain")
        {
            errors.Required($"{at}.LegalBasis", rule.LegalBasis);
        }

        CheckRange(errors, $"{at}.RetainYears", rule.RetainYears, 0, 100);
    }

    private static void CheckHrSql(ValidationErrors errors, string at, ConnectorOptions? connector)
    {
        if (connector is null)
        {
            errors.Add(at, $"is required for kind 'hr-sql' (Provider: {Describe(ConnectorValues.Providers)}; Mapping: the mapping file)");
            return;
        }

        OneOf(errors, $"{at}.Provider", connector.Provider, ConnectorValues.Providers, required: true);
        errors.Required($"{at}.Mapping", connector.Mapping);
        CheckSettingName(errors, $"{at}.NationalIdHashKeySetting", connector.NationalIdHashKeySetting);
        CheckSettingName(errors, $"{at}.PseudonymisationKeySetting", connector.PseudonymisationKeySetting);
        CheckRange(errors, $"{at}.PageSize", connector.PageSize, 1, 100_000);
    }

    private static void RequireTenantAndClient(ValidationErrors errors, string at, ConnectorOptions connector)
    {
        errors.Required($"{at}.TenantId", connector.TenantId);
        errors.Required($"{at}.ClientId", connector.ClientId);
    }

    private static void RequireCredential(ValidationErrors errors, string path, SystemOptions system, string what)
    {
        if (string.IsNullOrWhiteSpace(system.CredentialReference))
        {
            errors.Add($"{path}.CredentialReference", $"is required for kind '{system.Kind}': the name of the app setting holding {what}");
        }
    }

    private static void CheckSettingName(ValidationErrors errors, string at, string? name)
    {
        if (name is not null && !SystemRules.IsSettingName(name))
        {
            errors.Add(at, "must be the name of an app setting (letters, digits, '_', '-', '.', ':'), never the secret itself");
        }
    }

    private static void CheckRange(ValidationErrors errors, string at, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(at, $"must be between {min} and {max}");
        }
    }

    private static void OneOf(ValidationErrors errors, string at, string? value, IReadOnlyList<string> allowed, bool required)
    {
        if (value is null ? required : !allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(at, $"must be {Describe(allowed)}");
        }
    }

    private static string Describe(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $" or '{values[^1]}'";
}
