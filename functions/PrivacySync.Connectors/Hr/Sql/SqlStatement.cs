using System.Data.Common;

namespace PrivacySync.Connectors.Hr.Sql;

/// <summary>Collects parameter values while SQL text is composed, so every value is bound and none is inlined.</summary>
public sealed class SqlStatement(ISqlDialect dialect)
{
    private readonly List<object?> values = [];

    public string Add(object? value)
    {
        values.Add(value);
        return dialect.Parameter(values.Count - 1);
    }

    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = dialect.Parameter(i);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
