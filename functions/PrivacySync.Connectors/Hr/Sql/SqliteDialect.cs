using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PrivacySync.Connectors.Hr.Sql;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite. Types come from the declared column type (SQLite itself is dynamically
/// typed); dates must be stored as ISO-8601 text ("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"), which is what the
/// provider writes for DateOnly/DateTime parameters and what makes text comparison order by time.
/// </summary>
public sealed class SqliteDialect : ISqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static SqliteDialect Instance { get; } = new();

    public string Name => "sqlite";

    // Foreign keys are off by default in SQLite; the connector relies on them like on any other engine.
    public DbConnection CreateConnection(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        builder.ForeignKeys ??= true;
        return new SqliteConnection(builder.ToString());
    }

    public string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string Parameter(int ordinal) => "@p" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string SelectPage(string selectList, string table, string predicate, string orderBy, string limitParameter) =>
        $"SELECT {selectList} FROM {table} WHERE {predicate} ORDER BY {orderBy} LIMIT {limitParameter}";

    // No row locks in SQLite: the write transaction (BEGIN IMMEDIATE) already excludes every other writer.
    public string SelectForUpdate(string selectList, string table, string predicate) =>
        $"SELECT {selectList} FROM {table} WHERE {predicate}";

    public ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // deferred: false issues BEGIN IMMEDIATE, so a concurrent writer fails fast with BUSY instead of mid-erasure.
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public async Task<IReadOnlyDictionary<string, SqlColumnInfo>?> ReadColumnsAsync(
        DbConnection connection, string? schema, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table)";
        command.Parameters.Add(new SqliteParameter("@table", table));
        var columns = new Dictionary<string, SqlColumnInfo>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var type = reader.GetString(1);
            var nullable = reader.GetInt64(2) == 0 && reader.GetInt64(3) == 0;
            columns[name] = new SqlColumnInfo(name, type, Classify(type), nullable, MaxLength(type));
        }

        return columns.Count == 0 ? null : columns;
    }

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or TimeoutException;

    public string ErrorCode(Exception exception) => exception switch
    {
        SqliteException sqlite => "SQLite error " + sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => exception.GetType().Name,
    };

    // Declared type names, in the spirit of SQLite's affinity rules but keeping dates and booleans apart.
    private static SqlValueKind Classify(string declared)
    {
        var type = declared.ToUpperInvariant();
        if (type.Contains("BOOL", StringComparison.Ordinal)) return SqlValueKind.Boolean;
        if (type.Contains("DATETIME", StringComparison.Ordinal) || type.Contains("TIMESTAMP", StringComparison.Ordinal)) return SqlValueKind.DateTime;
        if (type.Contains("DATE", StringComparison.Ordinal)) return SqlValueKind.Date;
        if (type.Contains("INT", StringComparison.Ordinal)) return SqlValueKind.Integer;
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal)) return SqlValueKind.Text;
        if (type.Contains("BLOB", StringComparison.Ordinal)) return SqlValueKind.Binary;
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal)
            || type.Contains("NUMERIC", StringComparison.Ordinal) || type.Contains("DECIMAL", StringComparison.Ordinal)) return SqlValueKind.Decimal;
        return SqlValueKind.Other;
    }

    private static int? MaxLength(string declared)
    {
        var open = declared.IndexOf('(', StringComparison.Ordinal);
        var close = declared.IndexOf(')', StringComparison.Ordinal);
        return open > 0 && close > open && int.TryParse(declared.AsSpan(open + 1, close - open - 1), out var n) ? n : null;
    }
}
