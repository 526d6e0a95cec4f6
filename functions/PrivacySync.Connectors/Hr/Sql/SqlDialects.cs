namespace PrivacySync.Connectors.Hr.Sql;

/// <summary>Dialects by their configuration name.</summary>
public static class SqlDialects
{
    public static ISqlDialect Find(string provider) => provider.ToLowerInvariant() switch
    {
        "postgresql" or "postgres" or "npgsql" => PostgresDialect.Instance,
        "sqlite" => SqliteDialect.Instance,
        _ => throw new ArgumentException($"unknown HR database provider '{provider}'; known: postgresql, sqlite"),
    };
}
