using Microsoft.Extensions.Time.Testing;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>
/// One throwaway HR database with the sample schema: a uniquely named PostgreSQL database on the server named by
/// PRIVACYSYNC_TEST_POSTGRES, or a SQLite file in the temp folder. Dropped on dispose.
/// </summary>
public sealed class HrTestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PRIVACYSYNC_TEST_POSTGRES";

    public static readonly byte[] NationalIdKey = "sample-hr-national-id-pepper-0123456789"u8.ToArray();
    public static readonly byte[] PseudonymKey = "sample-hr-pseudonym-key-0123456789abcdef"u8.ToArray();

    private readonly Func<ValueTask> drop;

    private HrTestDatabase(ISqlDialect dialect, string connectionString, Func<ValueTask> drop)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    public ISqlDialect Dialect { get; }

    public string Provider => Dialect.Name;

    public string ConnectionString { get; }

    public static async Task<HrTestDatabase> CreateAsync(string provider)
    {
        var database = provider == "sqlite" ? CreateSqlite() : await CreatePostgresAsync();
        await using var connection = await database.OpenAsync();
        await HrSample.CreateSchemaAsync(connection, database.Dialect, CancellationToken.None);
        return database;
    }

    public async Task<DbConnection> OpenAsync()
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public HrSqlDatabaseOptions Options(HrMapping? mapping = null) => new()
    {
        Provider = Provider,
        ConnectionString = ConnectionString,
        Mapping = mapping ?? HrSample.Mapping(),
        NationalIdHashKey = NationalIdKey,
        PseudonymisationKey = PseudonymKey,
        PageSize = 500,
    };

    public Task<HrSqlConnector> ConnectorAsync(TimeProvider time, HrMapping? mapping = null) =>
        HrSqlConnector.OpenAsync(Options(mapping), time, cancellationToken: TestContext.Current.CancellationToken);

    public async Task<HrSeededEmployee> SeedEmployeeAsync(HrSampleEmployee spec)
    {
        await using var connection = await OpenAsync();
        return await new HrSampleDataGenerator(connection, Dialect, HrSample.Mapping(), NationalIdKey, Random.Shared.Next())
            .AddEmployeeAsync(spec, CancellationToken.None);
    }

    public async Task<HrSeededApplicant> SeedApplicantAsync(HrSampleApplicant spec)
    {
        await using var connection = await OpenAsync();
        return await new HrSampleDataGenerator(connection, Dialect, HrSample.Mapping(), NationalIdKey, Random.Shared.Next())
            .AddApplicantAsync(spec, CancellationToken.None);
    }

    /// <summary>A scalar from test-authored SQL (never from subject data); values are parameters @a, @b, ...</summary>
    public async Task<object?> ScalarAsync(string sql, params object?[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + (char)('a' + i);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public async Task<long> CountAsync(string sql, params object?[] values) =>
        Convert.ToInt64(await ScalarAsync(sql, values), System.Globalization.CultureInfo.InvariantCulture);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => drop();

    private static HrTestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"privacysync-hr-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true }.ToString();
        return new HrTestDatabase(SqliteDialect.Instance, connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
                if (File.Exists(file)) File.Delete(file);
            return ValueTask.CompletedTask;
        });
    }

    private static async Task<HrTestDatabase> CreatePostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the HR SQL tests need a PostgreSQL server. Run ./run.sh test (it starts one), " +
                $"or set {PostgresVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");

        var name = $"privacysync_hr_{Guid.NewGuid():N}"[..32];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new HrTestDatabase(PostgresDialect.Instance, connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var dropCommand = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await dropCommand.ExecuteNonQueryAsync();
        });
    }
}

/// <summary>Per test class: one database per provider, created on first use so a missing server fails only its own rows.</summary>
public sealed class HrDatabases : IAsyncDisposable
{
    private readonly Dictionary<string, Task<HrTestDatabase>> databases = [];
    private readonly Lock gate = new();

    public Task<HrTestDatabase> GetAsync(string provider)
    {
        lock (gate)
        {
            if (!databases.TryGetValue(provider, out var database))
                databases[provider] = database = HrTestDatabase.CreateAsync(provider);
            return database;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in databases.Values)
            if (database.IsCompletedSuccessfully) await database.Result.DisposeAsync();
    }
}

public static class HrProviders
{
    public static IReadOnlyList<string> Names { get; } = ["postgresql", "sqlite"];

    public static TheoryData<string> All => new(Names);
}
