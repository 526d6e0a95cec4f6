using PrivacySync.Connectors.Hr.Mapping;

namespace PrivacySync.Connectors.Hr;

/// <summary>One HR database as configured: engine, connection, mapping and the keys its rules need (by reference, never in the mapping).</summary>
public sealed record HrSqlDatabaseOptions
{
    /// <summary>"postgresql" or "sqlite" (see <see cref="Sql.SqlDialects"/>).</summary>
    public required string Provider { get; init; }

    public required string ConnectionString { get; init; }

    public required HrMapping Mapping { get; init; }

    /// <summary>The HR system's key for hmac-sha256 national-id hashes.</summary>
    public byte[]? NationalIdHashKey { get; init; }

    /// <summary>Key for pseudonyms of erased columns. Null: a random key per process, so pseudonyms can never be linked back.</summary>
    public byte[]? PseudonymisationKey { get; init; }

    /// <summary>Rows per keyset page when exporting or pseudonymising; bounds memory and statement time.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>More root rows than this for one subject means a too-broad identifier; the connector refuses rather than erase them.</summary>
    public int MaxRootRows { get; init; } = 50;
}
