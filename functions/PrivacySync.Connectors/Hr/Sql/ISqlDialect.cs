using System.Data.Common;

namespace PrivacySync.Connectors.Hr.Sql;

/// <summary>
/// The few places where SQL differs between database engines. Everything else the HR connector sends is
/// plain ANSI SQL (SELECT/UPDATE/DELETE, IN subqueries, NOT EXISTS, COUNT/MAX, lower()).
/// SQL Server would need: quoting with [brackets] (escape ']' as ']]'); paging with <c>SELECT TOP (@n)</c>;
/// row locks with the table hint <c>WITH (UPDLOCK, HOLDLOCK)</c> after the table name instead of a trailing
/// FOR UPDATE; schema from INFORMATION_SCHEMA.COLUMNS (same query as PostgreSQL with @schema defaulting to
/// SCHEMA_NAME()); types bit → Boolean, date → Date, datetime2/datetimeoffset → DateTime, (n)varchar → Text;
/// transient errors 1205 (deadlock), -2 (timeout), 40613/40501 (Azure SQL throttling). Its ADO.NET provider
/// (Microsoft.Data.SqlClient) does not restore in this build environment, so that dialect is not shipped.
/// </summary>
public interface ISqlDialect
{
    /// <summary>"postgresql" or "sqlite"; the <c>provider</c> value in configuration.</summary>
    string Name { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Quotes one identifier (table, column, schema) that came from the validated mapping.</summary>
    string Quote(string identifier);

    /// <summary>The placeholder for the n-th parameter of a command.</summary>
    string Parameter(int ordinal);

    /// <summary>A keyset page: SELECT list FROM table WHERE predicate ORDER BY orderBy, at most limitParameter rows.</summary>
    string SelectPage(string selectList, string table, string predicate, string orderBy, string limitParameter);

    /// <summary>A SELECT that locks the matching rows until the transaction ends (where the engine locks rows).</summary>
    string SelectForUpdate(string selectList, string table, string predicate);

    /// <summary>Starts the one write transaction of an erasure (SQLite takes the database write lock up front).</summary>
    ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The columns of a table by name (case-insensitive), or null when the table does not exist.</summary>
    Task<IReadOnlyDictionary<string, SqlColumnInfo>?> ReadColumnsAsync(
        DbConnection connection, string? schema, string table, CancellationToken cancellationToken);

    /// <summary>Whether retrying the whole operation may succeed (deadlock, serialisation failure, busy, lost connection).</summary>
    bool IsTransient(Exception exception);

    /// <summary>The engine's error code for a report (SQLSTATE, SQLite result code); never the message, which can hold data.</summary>
    string ErrorCode(Exception exception);
}

/// <summary>A column as the live schema declares it.</summary>
public sealed record SqlColumnInfo(string Name, string NativeType, SqlValueKind Kind, bool Nullable, int? MaxLength);

/// <summary>Portable classes of column types, enough to check a mapping is compatible with the schema.</summary>
public enum SqlValueKind
{
    Text,
    Integer,
    Decimal,
    Boolean,
    Date,
    DateTime,
    Binary,
    Other,
}
