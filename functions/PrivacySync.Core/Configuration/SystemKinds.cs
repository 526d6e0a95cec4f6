namespace PrivacySync.Core.Configuration;

/// <summary>Connector kinds a system may name (matches <see cref="Connectors.IConnector.Kind"/>).</summary>
public static class SystemKinds
{
    public const string HubSpot = "hubspot";
    public const string Microsoft365 = "microsoft365";
    public const string HrSql = "hr-sql";
    public const string HrRest = "hr-rest";

    /// <summary>An in-process fake for tests and demos.</summary>
    public const string Test = "test";

    public static IReadOnlyList<string> All { get; } = [HubSpot, Microsoft365, HrSql, HrRest, Test];
}
