using System.Data.Common;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr;

public sealed partial class HrSqlConnector
{
    /// <summary>
    /// Corrects the subject's root rows: each target is "table.column" of a root table of the validated mapping (a text
    /// column it maps, not the key), so identifiers in the UPDATE come from the mapping and every value is a parameter.
    /// All corrections run in one write transaction: one that fails rolls every one back, nothing half corrected.
    /// </summary>
    public async Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var planned = corrections.Select(c => (Correction: c, Column: RectifiableColumn(c))).ToList();
        var refused = planned.Where(p => p.Column.Refusal is not null)
            .Select(p => CategoryOutcome.Refused(p.Correction.Category, p.Correction.Field, p.Column.Refusal!)).ToList();
        var runnable = planned.Where(p => p.Column.Refusal is null).ToList();
        if (runnable.Count == 0) return new SystemOutcome(refused);

        var outcomes = await InWriteTransactionAsync(
            "rectify",
            async (connection, transaction) =>
            {
                var roots = await ResolveAsync(subject, connection, transaction, true, cancellationToken);
                var corrected = new List<CategoryOutcome>();
                foreach (var (correction, (node, column, _)) in runnable)
                {
                    var keys = roots.Roots.FirstOrDefault(r => r.Node == node).Keys ?? [];
                    if (keys.Count == 0)
                    {
                        corrected.Add(CategoryOutcome.NotFound(correction.Category) with { Field = correction.Field });
                        continue;
                    }

                    var statement = new SqlStatement(mapping.Dialect);
                    var sql = $"UPDATE {node!.Table} SET {mapping.Dialect.Quote(column!)} = {statement.Add(correction.Value)} WHERE {HrScopes.ForRoot(node, keys)(statement)}";
                    await using var command = statement.CreateCommand(connection, transaction, sql);
                    var rows = await command.ExecuteNonQueryAsync(cancellationToken);
                    corrected.Add(CategoryOutcome.Rectified(correction.Category, correction.Field, rows));
                }

                return new SystemOutcome(corrected, $"corrected in one transaction in HR database '{mapping.Mapping.Name}'");
            },
            code => new SystemOutcome([.. runnable.Select(p => CategoryOutcome.Failed(p.Correction.Category, $"rectification in HR database '{mapping.Mapping.Name}' failed ({code}) and was rolled back; nothing was changed") with { Field = p.Correction.Field })]),
            cancellationToken);
        if (outcomes.Categories.Any(o => o.Kind == OutcomeKind.Rectified))
        {
            HrSqlLog.RectificationCommitted(logger, mapping.Mapping.Name, outcomes.Categories.Count(o => o.Kind == OutcomeKind.Rectified));
        }

        return outcomes with { Categories = [.. outcomes.Categories, .. refused] };
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, committed when it returns and rolled back on any failure:
    /// a busy database asks for a retry, another database error is <paramref name="failed"/>'s outcome (with the engine's
    /// error code, never its message, which can carry data).
    /// </summary>
    private async Task<SystemOutcome> InWriteTransactionAsync(
        string operation, Func<DbConnection, DbTransaction, Task<SystemOutcome>> work, Func<string, SystemOutcome> failed, CancellationToken cancellationToken)
    {
        await using var connection = await OpenForAsync(operation, cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            transaction = await mapping.Dialect.BeginWriteTransactionAsync(connection, cancellationToken);
            var outcome = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        catch (DbException e)
        {
            await RollbackQuietlyAsync(transaction);
            var code = mapping.Dialect.ErrorCode(e);
            HrSqlLog.DatabaseFailed(logger, mapping.Mapping.Name, operation, code, mapping.Dialect.IsTransient(e));
            if (mapping.Dialect.IsTransient(e))
                throw new TransientConnectorException($"HR database '{mapping.Mapping.Name}' was busy during {operation} ({code}); nothing was changed", inner: e);
            return failed(code);
        }
        catch
        {
            await RollbackQuietlyAsync(transaction);
            throw;
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    /// <summary>The root table and mapped column a target names, or why this database cannot correct it.</summary>
    private (HrTableNode? Node, string? Column, string? Refusal) RectifiableColumn(TargetedCorrection correction)
    {
        var dot = correction.Target.IndexOf('.', StringComparison.Ordinal);
        var table = dot > 0 ? correction.Target[..dot] : null;
        var name = dot > 0 ? correction.Target[(dot + 1)..] : null;
        var root = mapping.Roots.FirstOrDefault(r => string.Equals(r.Name, table, StringComparison.Ordinal));
        if (root is null)
            return (null, null, $"'{correction.Target}' is not 'table.column' of a root table of the mapping '{mapping.Mapping.Name}' (only a person's own row is corrected)");
        var mapped = root.Mapping.Columns.FirstOrDefault(c => string.Equals(c.Column, name, StringComparison.Ordinal));
        if (mapped is null || string.Equals(name, root.Mapping.Key, StringComparison.Ordinal))
            return (null, null, $"column '{name}' of '{table}' is not a mapped data column in '{mapping.Mapping.Name}'");
        var info = root.Columns[mapped.Column];
        if (info.Kind != SqlValueKind.Text)
            return (null, null, $"column '{table}.{name}' holds {info.NativeType}, not text; correct it by hand");
        if (info.MaxLength is { } max && correction.Value.Length > max)
            return (null, null, $"the new value is longer than column '{table}.{name}' allows ({max} characters); nothing was changed");
        return (root, mapped.Column, null);
    }
}
