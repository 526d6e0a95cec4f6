using System.Data.Common;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Sandbox.HrDatabase;

/// <summary>The sample HR database (schema per engine and its mapping, the files in the HR connector's Hr/Sample folder), embedded for demos and tests.</summary>
public static class HrSample
{
    public static string MappingJson => Read("hr-sample.mapping.json");

    public static HrMapping Mapping() => HrMappingLoader.Parse(MappingJson);

    public static string SchemaSql(ISqlDialect dialect) => Read($"hr-sample.{dialect.Name}.sql");

    /// <summary>Creates the sample tables (and the erasure schedule table) in an empty database.</summary>
    public static async Task CreateSchemaAsync(DbConnection connection, ISqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SchemaSql(dialect);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(string name)
    {
        using var stream = typeof(HrSample).Assembly.GetManifestResourceStream("PrivacySync.Sandbox.HrDatabase." + name)
            ?? throw new InvalidOperationException($"embedded sample resource '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
