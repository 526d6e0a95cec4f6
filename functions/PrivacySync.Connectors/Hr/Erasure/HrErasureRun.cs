using System.Data.Common;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Connectors.Hr.Erasure;

/// <summary>
/// Applies the mapping's erasure rules to one subject inside one transaction. Children go first (their rows must be
/// gone before a parent row can be deleted); a row is never deleted while retained children still reference it.
/// Every statement is set-based over the subject's scope except pseudonymisation, which pages by key.
/// </summary>
internal sealed class HrErasureRun(
    ValidatedHrMapping mapping, DbConnection connection, DbTransaction transaction, DateOnly today, byte[] pseudonymKey,
    int pageSize, CancellationToken cancellationToken)
{
    private readonly ISqlDialect dialect = mapping.Dialect;

    public Dictionary<HrTableNode, TableTally> Tallies { get; } = [];

    /// <summary>What is being done right now, for a failure report (table names only, never data).</summary>
    public string Step { get; private set; } = "start";

    public async Task EraseAsync(HrTableNode node, HrScope scope)
    {
        foreach (var child in node.Children.Where(c => c.Action != HrErasureAction.WithParent))
            await EraseAsync(child, HrScopes.ForChild(child, scope));

        var rule = node.Mapping.Erasure;
        switch (rule.Action)
        {
            case HrErasureAction.Delete when rule.KeepIf is { } keep:
                var flag = node.Col(keep.Column);
                await DeleteRowsAsync(node, s => $"{scope(s)} AND ({flag} IS NULL OR {flag} = {s.Add(false)})");
                await RetainAsync(node, scope, RetentionPeriod.For(keep), keep.After, keep.LegalBasis);
                break;
            case HrErasureAction.Delete:
                await DeleteRowsAsync(node, scope);
                break;
            case HrErasureAction.Retain:
                var period = RetentionPeriod.For(rule, mapping.Mapping.Jurisdiction, mapping.Mapping.FiscalYearEnd);
                await RetainAsync(node, scope, period, rule.After!, rule.LegalBasis!);
                break;
            case HrErasureAction.Anonymise:
                var tally = Tally(node);
                var count = await CountAsync(node, scope);
                if (count == 0) break;
                tally.Kept += count;
                tally.Anonymised = true;
                await ApplyColumnActionsAsync(node, scope);
                await KeepWithParentAsync(node, scope, tally);
                break;
        }
    }

    private TableTally Tally(HrTableNode node)
    {
        if (!Tallies.TryGetValue(node, out var tally)) Tallies[node] = tally = new TableTally();
        return tally;
    }

    private IEnumerable<HrTableNode> Blocking(HrTableNode node) => node.Children.Where(c => c.Action != HrErasureAction.WithParent);

    private async Task RetainAsync(HrTableNode node, HrScope scope, RetentionPeriod period, string after, string legalBasis)
    {
        // Rows whose period has already run out are deleted now, like any erasure.
        var firstKept = period.LatestDueDate(today).AddDays(1);
        var afterColumn = node.Col(after);
        await DeleteRowsAsync(node, s => $"{scope(s)} AND {afterColumn} < {s.Add(firstKept)}");

        var (count, latest, undated) = await SummariseAsync(node, scope, after);
        if (count == 0) return;
        await ApplyColumnActionsAsync(node, scope);

        var tally = Tally(node);
        tally.Kept += count;
        tally.LegalBasis = legalBasis;
        tally.OpenEnded |= undated > 0;
        tally.Until = Max(tally.Until, latest is { } d ? period.ErasureDate(d) : null);
        foreach (var child in Blocking(node))
            if (Tallies.TryGetValue(child, out var c) && c.IsRetention)
            {
                // A parent row outlives its retained children, so its erasure date is never earlier than theirs.
                tally.Until = Max(tally.Until, c.Until);
                tally.OpenEnded |= c.OpenEnded;
            }

        await KeepWithParentAsync(node, scope, tally);
    }

    private async Task KeepWithParentAsync(HrTableNode node, HrScope scope, TableTally parent)
    {
        foreach (var child in node.Children.Where(c => c.Action == HrErasureAction.WithParent))
        {
            var childScope = HrScopes.ForChild(child, scope);
            var count = await CountAsync(child, childScope);
            if (count == 0) continue;
            await ApplyColumnActionsAsync(child, childScope);
            var tally = Tally(child);
            tally.Kept += count;
            tally.Anonymised = parent.Anonymised;
            tally.LegalBasis = parent.LegalBasis;
            tally.Until = Max(tally.Until, parent.Until);
            tally.OpenEnded |= parent.OpenEnded;
            await KeepWithParentAsync(child, childScope, tally);
        }
    }

    private async Task DeleteRowsAsync(HrTableNode node, HrScope filter)
    {
        var key = node.Col(node.Mapping.Key);
        var blocking = Blocking(node).ToList();
        HrScope deletable = s => filter(s) + string.Concat(blocking.Select(c =>
            $" AND NOT EXISTS (SELECT 1 FROM {c.Table} WHERE {c.Col(c.Mapping.ForeignKey!)} = {key})"));

        foreach (var child in node.Children.Where(c => c.Action == HrErasureAction.WithParent))
            await DeleteRowsAsync(child, s => $"{child.Col(child.Mapping.ForeignKey!)} IN (SELECT {key} FROM {node.Table} WHERE {deletable(s)})");

        Step = $"delete from '{node.Name}'";
        var statement = new SqlStatement(dialect);
        var sql = $"DELETE FROM {node.Table} WHERE {deletable(statement)}";
        await using var command = statement.CreateCommand(connection, transaction, sql);
        Tally(node).Deleted += await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> CountAsync(HrTableNode node, HrScope scope)
    {
        Step = $"count '{node.Name}'";
        var statement = new SqlStatement(dialect);
        var sql = $"SELECT COUNT(*) FROM {node.Table} WHERE {scope(statement)}";
        await using var command = statement.CreateCommand(connection, transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(long Count, DateOnly? Latest, long Undated)> SummariseAsync(HrTableNode node, HrScope scope, string after)
    {
        Step = $"read retention dates of '{node.Name}'";
        var statement = new SqlStatement(dialect);
        var column = node.Col(after);
        var sql = $"SELECT COUNT(*), MAX({column}), SUM(CASE WHEN {column} IS NULL THEN 1 ELSE 0 END) FROM {node.Table} WHERE {scope(statement)}";
        await using var command = statement.CreateCommand(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        DateOnly? latest = reader.IsDBNull(1) ? null : HrValues.ReadDate(reader, 1, node.KindOf(after));
        var undated = reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        return (count, latest, undated);
    }

    private async Task ApplyColumnActionsAsync(HrTableNode node, HrScope scope)
    {
        var nulls = node.Mapping.Columns.Where(c => c.Erasure == HrColumnErasure.Null).Select(c => c.Column).ToList();
        var pseudonyms = node.Mapping.Columns.Where(c => c.Erasure == HrColumnErasure.Pseudonymise).Select(c => c.Column).ToList();
        if (nulls.Count == 0 && pseudonyms.Count == 0) return;
        Step = $"update '{node.Name}'";
        var setNulls = nulls.Select(c => $"{dialect.Quote(c)} = NULL").ToList();
        if (pseudonyms.Count == 0)
        {
            var statement = new SqlStatement(dialect);
            var sql = $"UPDATE {node.Table} SET {string.Join(", ", setNulls)} WHERE {scope(statement)}";
            await using var command = statement.CreateCommand(connection, transaction, sql);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // Pseudonyms are computed here (keyed HMAC), so rows are read a page at a time and updated one by one.
        var key = node.Col(node.Mapping.Key);
        object? after = null;
        while (true)
        {
            var page = new List<(object Key, string?[] Values)>();
            var select = new SqlStatement(dialect);
            var predicate = scope(select) + (after is null ? "" : $" AND {key} > {select.Add(after)}");
            var list = string.Join(", ", new[] { key }.Concat(pseudonyms.Select(node.Col)));
            var sql = dialect.SelectPage(list, node.Table, predicate, key, select.Add(pageSize));
            await using (var command = select.CreateCommand(connection, transaction, sql))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    page.Add((reader.GetValue(0), Enumerable.Range(1, pseudonyms.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray()));

            foreach (var (rowKey, values) in page)
            {
                var update = new SqlStatement(dialect);
                var sets = new List<string>(setNulls);
                for (var i = 0; i < pseudonyms.Count; i++)
                {
                    var value = values[i];
                    if (value is null || value.StartsWith(HrHashing.PseudonymPrefix, StringComparison.Ordinal)) continue;
                    sets.Add($"{dialect.Quote(pseudonyms[i])} = {update.Add(HrHashing.Pseudonymise(pseudonymKey, node.Name, pseudonyms[i], value))}");
                }

                if (sets.Count == 0) continue;
                var sql2 = $"UPDATE {node.Table} SET {string.Join(", ", sets)} WHERE {key} = {update.Add(rowKey)}";
                await using var command = update.CreateCommand(connection, transaction, sql2);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (page.Count < pageSize) break;
            after = page[^1].Key;
        }
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
