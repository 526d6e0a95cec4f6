using PrivacySync.Core.Configuration;

namespace PrivacySync.Connectors.Hr;

/// <summary>
/// The Connector section of a system of kind "hr-sql" (required). The connection string is the app setting named by
/// the system's CredentialReference; keys are app settings named by the <c>…Setting</c> properties.
/// </summary>
public sealed record HrSqlConnectorOptions
{
    /// <summary>One of <see cref="HrSqlConnectorRules.Providers"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>The mapping file, relative to the configuration file.</summary>
    public string? Mapping { get; init; }

    /// <summary>App setting holding the key of the HR system's hmac-sha256 national-id hashes.</summary>
    public string? NationalIdHashKeySetting { get; init; }

    /// <summary>App setting holding the key for pseudonyms of erased columns; omitted: a random key per process.</summary>
    public string? PseudonymisationKeySetting { get; init; }

    /// <summary>Rows per page when exporting.</summary>
    public int? PageSize { get; init; }
}

/// <summary>Checks an "hr-sql" system's settings, each problem named by its path.</summary>
public static class HrSqlConnectorRules
{
    public static IReadOnlyList<string> Providers { get; } = ["postgresql", "sqlite"];

    public static void Check(SystemOptions system, HrSqlConnectorOptions? connector, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.CredentialReference(path, system, "the database connection string");
        var at = $"{path}.Connector";
        if (connector is null)
        {
            errors.Add(at, $"is required for kind 'hr-sql' (Provider: {ValidationErrors.Describe(Providers)}; Mapping: the mapping file)");
            return;
        }

        errors.OneOf($"{at}.Provider", connector.Provider, Providers, required: true);
        errors.Required($"{at}.Mapping", connector.Mapping);
        errors.SettingName($"{at}.NationalIdHashKeySetting", connector.NationalIdHashKeySetting);
        errors.SettingName($"{at}.PseudonymisationKeySetting", connector.PseudonymisationKeySetting);
        errors.Range($"{at}.PageSize", connector.PageSize, 1, 100_000);
    }
}
