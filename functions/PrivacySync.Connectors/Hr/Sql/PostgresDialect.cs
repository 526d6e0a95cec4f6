using System.Data;
using System.Data.Common;
using Npgsql;

namespace PrivacySync.Connectors.Hr.Sql;

/// <summary>PostgreSQL through Npgsql.</summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public string Name => "postgresql";

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string Parameter(int ordinal) => "@p" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string SelectPage(string selectList, string table, string predicate, string orderBy, string limitParameter) =>
        $"SELECT {selectList} FROM {table} WHERE {predicate} ORDER BY {orderBy} LIMIT {limitParameter}";

    // FOR UPDATE also blocks concurrent inserts of child rows (their FK check takes a KEY SHARE lock on the parent).
    public string SelectForUpdate(string selectList, string table, string predicate) =>
        $"SELECT {selectList} FROM {table} WHERE {predicate} FOR UPDATE";

    public async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public async Task<IReadOnlyDictionary<string, SqlColumnInfo>?> ReadColumnsAsync(
        DbConnection connection, string? schema, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns " +
            "WHERE table_schema = COALESCE(@schema, current_schema()) AND table_name = @table";
        command.Parameters.Add(new NpgsqlParameter("schema", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)schema ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("table", table));
        var columns = new Dictionary<string, SqlColumnInfo>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var type = reader.GetString(1);
            int? length = reader.IsDBNull(3) ? null : reader.GetInt32(3);
            columns[name] = new SqlColumnInfo(name, type, Classify(type), reader.GetString(2) == "YES", length);
        }

        return columns.Count == 0 ? null : columns;
    }

    public bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    public string ErrorCode(Exception exception) => exception switch
    {
        PostgresException pg => "SQLSTATE " + pg.SqlState,
        _ => exception.GetType().Name,
    };

    private static SqlValueKind Classify(string dataType) => dataType switch
    {
        "text" or "character varying" or "character" or "citext" => SqlValueKind.Text,
        "smallint" or "integer" or "bigint" => SqlValueKind.Integer,
        "numeric" or "real" or "double precision" or "money" => SqlValueKind.Decimal,
        "boolean" => SqlValueKind.Boolean,
        "date" => SqlValueKind.Date,
        "timestamp without time zone" or "timestamp with time zone" => SqlValueKind.DateTime,
        "bytea" => SqlValueKind.Binary,
        _ => SqlValueKind.Other,
    };
}
