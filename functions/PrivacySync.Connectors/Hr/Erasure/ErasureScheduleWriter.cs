using System.Data.Common;
using System.Globalization;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Connectors.Hr.Erasure;

/// <summary>
/// Records retained tables in the schedule table, in the erasure's transaction. A subject's entries are replaced
/// on every run, so re-running the erasure (retry, or the nightly job re-running it for due entries) never duplicates.
/// The nightly job selects root rows with <c>erase_on &lt;= today OR erase_on IS NULL</c> and re-runs the erasure for
/// those root keys: due rows are deleted, the rest re-scheduled.
/// </summary>
internal static class ErasureScheduleWriter
{
    public static async Task WriteAsync(
        ValidatedHrMapping mapping, SubjectRoots roots, IReadOnlyDictionary<HrTableNode, TableTally> tallies,
        DbConnection connection, DbTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (mapping.Mapping.Schedule is not { } schedule) return;
        var dialect = mapping.Dialect;
        var table = mapping.Mapping.Schema is null || dialect is SqliteDialect
            ? dialect.Quote(schedule.Table)
            : dialect.Quote(mapping.Mapping.Schema) + "." + dialect.Quote(schedule.Table);
        string Q(string column) => dialect.Quote(column);

        foreach (var (root, keys) in roots.Roots)
        {
            var retained = root.SelfAndDescendants().Where(n => tallies.TryGetValue(n, out var t) && t.IsRetention).ToList();
            foreach (var key in keys)
            {
                var rootKey = Convert.ToString(key, CultureInfo.InvariantCulture)!;
                var delete = new SqlStatement(dialect);
                var deleteSql = $"DELETE FROM {table} WHERE {Q(ErasureScheduleColumns.RootTable)} = {delete.Add(root.Name)} AND {Q(ErasureScheduleColumns.RootKey)} = {delete.Add(rootKey)}";
                await using (var command = delete.CreateCommand(connection, transaction, deleteSql))
                    await command.ExecuteNonQueryAsync(cancellationToken);

                foreach (var node in retained)
                {
                    var tally = tallies[node];
                    var insert = new SqlStatement(dialect);
                    var columns = string.Join(", ", ErasureScheduleColumns.All.Select(Q));
                    var values = string.Join(", ", new object?[]
                    {
                        root.Name, rootKey, node.Name, tally.OpenEnded ? null : tally.Until, tally.LegalBasis ?? "", now.UtcDateTime,
                    }.Select(insert.Add));
                    await using var command = insert.CreateCommand(connection, transaction, $"INSERT INTO {table} ({columns}) VALUES ({values})");
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
    }
}
