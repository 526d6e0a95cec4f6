using PrivacySync.Connectors.Hr.Sql;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr;

public sealed partial class HrSqlConnector
{
    /// <summary>
    /// Sets (or clears) the mapping's restriction flag on every row of the subject in each table that declares one, in
    /// one write transaction: the subject's rows are all flagged, or none. A root whose tables declare no flag is a manual
    /// step naming the table and keys. Column names come from the validated mapping; the flag and keys are parameters.
    /// </summary>
    public async Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken)
    {
        var operation = step == RestrictionStep.Restrict ? "restrict" : "lift";
        var flagged = 0;
        var outcome = await InWriteTransactionAsync(
            operation,
            async (connection, transaction) =>
            {
                var roots = await ResolveAsync(subject, connection, transaction, true, cancellationToken);
                if (!roots.Found)
                {
                    return new SystemOutcome([], $"the subject was not found in HR database '{mapping.Mapping.Name}'");
                }

                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                var manual = new List<CategoryOutcome>();
                foreach (var (root, keys) in roots.Roots.Where(r => r.Keys.Count > 0))
                {
                    var scoped = HrScopes.All(new SubjectRoots([(root, keys)], roots.Identity)).Where(x => x.Node.Mapping.RestrictionColumn is not null).ToList();
                    if (scoped.Count == 0)
                    {
                        manual.Add(CategoryOutcome.ManualAction(
                            root.Mapping.Category,
                            $"Table '{root.Name}' of HR database '{mapping.Mapping.Name}' has no restriction flag (restrictionColumn) in its mapping: "
                            + $"{(step == RestrictionStep.Restrict ? "hold processing of" : "resume processing of")} row(s) {string.Join(", ", keys)} ({root.Mapping.Key}) in the HR system by hand, then record the date here."));
                        continue;
                    }

                    foreach (var (node, scope) in scoped)
                    {
                        var statement = new SqlStatement(mapping.Dialect);
                        var sql = $"UPDATE {node.Table} SET {mapping.Dialect.Quote(node.Mapping.RestrictionColumn!)} = {statement.Add(step == RestrictionStep.Restrict)} WHERE {scope(statement)}";
                        await using var command = statement.CreateCommand(connection, transaction, sql);
                        counts[node.Mapping.Category] = counts.GetValueOrDefault(node.Mapping.Category) + await command.ExecuteNonQueryAsync(cancellationToken);
                        flagged++;
                    }
                }

                return new SystemOutcome(
                    [.. counts.Select(c => CategoryOutcome.Held(c.Key, step, c.Value)), .. manual],
                    $"restriction flag {(step == RestrictionStep.Restrict ? "set" : "cleared")} in one transaction in HR database '{mapping.Mapping.Name}' ({flagged} table(s); child tables without a flag are held by their parent's)");
            },
            code =>
            {
                flagged = 0; // rolled back
                return new SystemOutcome([CategoryOutcome.Failed("restriction", $"{operation} in HR database '{mapping.Mapping.Name}' failed ({code}) and was rolled back; nothing was changed")]);
            },
            cancellationToken);
        if (flagged > 0)
        {
            HrSqlLog.RestrictionCommitted(logger, mapping.Mapping.Name, operation, flagged);
        }

        return outcome;
    }
}
