using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr.Erasure;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr;

/// <summary>
/// An HR database reached over ADO.NET and described by a declarative mapping (Kind "hr-sql"). Created with
/// <see cref="OpenAsync"/>, which validates the mapping against the live schema first; all SQL identifiers come
/// from that validated mapping and every value is a parameter.
/// </summary>
public sealed partial class HrSqlConnector : IConnector, IDeclaresCategories, IDeferredEraser
{
    public const string ConnectorKind = "hr-sql";

    private readonly HrSqlDatabaseOptions options;
    public IReadOnlyCollection<string> ReportedCategories => mapping.AllCategories;

    private readonly ValidatedHrMapping mapping;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly byte[] pseudonymKey;

    private HrSqlConnector(HrSqlDatabaseOptions options, ValidatedHrMapping mapping, TimeProvider timeProvider, ILogger logger)
    {
        this.options = options;
        this.mapping = mapping;
        this.timeProvider = timeProvider;
        this.logger = logger;
        pseudonymKey = options.PseudonymisationKey ?? RandomNumberGenerator.GetBytes(32);
    }

    public string Kind => ConnectorKind;

    /// <summary>Connects, validates the mapping against the live schema and returns the connector; <see cref="HrMappingException"/> names every problem.</summary>
    public static async Task<HrSqlConnector> OpenAsync(
        HrSqlDatabaseOptions options, TimeProvider timeProvider, ILogger<HrSqlConnector>? logger = null, CancellationToken cancellationToken = default)
    {
        var dialect = SqlDialects.Find(options.Provider);
        await using var connection = dialect.CreateConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var validated = await HrMappingValidator.ValidateAsync(options.Mapping, dialect, connection, options.NationalIdHashKey is not null, cancellationToken);
        ILogger log = logger ?? NullLogger<HrSqlConnector>.Instance;
        HrSqlLog.MappingValidated(log, options.Mapping.Name, dialect.Name, validated.AllTables.Count());
        return new HrSqlConnector(options, validated, timeProvider, log);
    }

    public async Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return (await SubjectRoots.ResolveAsync(mapping, Keys(subject), subject, connection, null, false, options.MaxRootRows, cancellationToken)).Identity;
        }
        catch (DbException e)
        {
            throw Translate(e, "resolve");
        }
    }

    public async Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var roots = await ResolveAsync(subject, connection, null, false, cancellationToken);
            if (!roots.Found) return DiscoveryResult.Absent();

            var categories = new List<(string Category, long Count, IEnumerable<HrCategoryKey> Keys, string Retention)>();
            foreach (var (node, scope) in HrScopes.All(roots))
            {
                var statement = new SqlStatement(mapping.Dialect);
                await using var command = statement.CreateCommand(connection, null, $"SELECT COUNT(*) FROM {node.Table} WHERE {scope(statement)}");
                var count = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                if (count == 0) continue;
                var retention = HrRetentionText.For(node, mapping.Mapping);
                // A table's rows count once per category, however many column groups share it.
                categories.AddRange(node.Groups.GroupBy(g => g.Key.Category).Select(g => (g.Key, count, g.Select(x => x.Key), retention)));
            }

            var result = categories
                .GroupBy(c => c.Category)
                .Select(g => new DataCategory(
                    g.Key,
                    g.Sum(c => c.Count),
                    string.Join("; ", g.SelectMany(c => c.Keys).Select(k => k.Purpose).Distinct()),
                    string.Join("; ", g.SelectMany(c => c.Keys).Select(k => k.StatedLegalBasis).Distinct()),
                    string.Join("; ", g.Select(c => c.Retention).Distinct())))
                .ToList();
            return new DiscoveryResult(result.Count > 0, result);
        }
        catch (DbException e)
        {
            throw Translate(e, "discover");
        }
    }

    public IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        TranslateErrors(ExportRowsAsync(subject, cancellationToken), cancellationToken);

    public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        EraseRootsAsync(
            (connection, transaction) => ResolveAsync(subject, connection, transaction, true, cancellationToken),
            DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime),
            "the subject was not found in this HR database",
            cancellationToken);

    /// <summary>
    /// Runs the erasure again for the root rows an earlier erasure retained (keys <c>root_table:root_key</c>), as of
    /// <paramref name="asOf"/>: rows whose retention has run out by then are deleted, the rest re-scheduled in
    /// <c>privacysync_erasure_schedule</c>, exactly as the erasure itself does. Only the due categories are reported.
    /// </summary>
    public async Task<SystemOutcome> EraseRetainedAsync(IReadOnlyList<RetainedRecords> due, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var wanted = RootKeys(due.SelectMany(d => d.Keys));
        var outcome = await EraseRootsAsync(
            async (connection, transaction) =>
            {
                var roots = new List<(HrTableNode, IReadOnlyList<object>)>();
                foreach (var root in mapping.Roots)
                {
                    if (!wanted.TryGetValue(root.Name, out var keys) || keys.Count == 0) continue;
                    var statement = new SqlStatement(mapping.Dialect);
                    var key = root.Col(root.Mapping.Key);
                    var sql = mapping.Dialect.SelectForUpdate(key, root.Table, HrScopes.ForRoot(root, keys.Select(k => TypedKey(root, k)).ToList())(statement));
                    var found = new List<object>();
                    await using (var command = statement.CreateCommand(connection, transaction, sql))
                    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                        while (await reader.ReadAsync(cancellationToken))
                            found.Add(reader.GetValue(0));
                    roots.Add((root, found));
                }

                // By the keys the certificate recorded: who the subject is was settled by the erasure that recorded them.
                return new SubjectRoots(roots, IdentityResolution.None);
            },
            asOf,
            "the retained rows are no longer in this HR database",
            cancellationToken);
        var categories = due.Select(d => d.Category).ToHashSet(StringComparer.Ordinal);
        return outcome with { Categories = [.. outcome.Categories.Where(c => categories.Contains(c.Category))] };
    }

    private async Task<SystemOutcome> EraseRootsAsync(
        Func<DbConnection, DbTransaction, Task<SubjectRoots>> resolve, DateOnly today, string notFoundNote, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenForAsync("erase", cancellationToken))
        {
            HrErasureRun? run = null;
            DbTransaction? transaction = null;
            try
            {
                transaction = await mapping.Dialect.BeginWriteTransactionAsync(connection, cancellationToken);
                var roots = await resolve(connection, transaction);
                if (!roots.Found)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return HrOutcomeBuilder.NotFound(mapping, notFoundNote);
                }

                run = new HrErasureRun(mapping, connection, transaction, today, pseudonymKey, options.PageSize, cancellationToken);
                foreach (var (root, keys) in roots.Roots.Where(r => r.Keys.Count > 0))
                    await run.EraseAsync(root, HrScopes.ForRoot(root, keys));
                await ErasureScheduleWriter.WriteAsync(mapping, roots, run.Tallies, connection, transaction, timeProvider.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                HrSqlLog.ErasureCommitted(logger, mapping.Mapping.Name, run.Tallies.Values.Sum(t => t.Deleted), run.Tallies.Values.Sum(t => t.Kept));
                return WithRootKeys(HrOutcomeBuilder.Build(mapping, run.Tallies), roots);
            }
            catch (DbException e)
            {
                await RollbackQuietlyAsync(transaction);
                var step = run?.Step ?? "start";
                var code = mapping.Dialect.ErrorCode(e);
                HrSqlLog.ErasureRolledBack(logger, mapping.Mapping.Name, step, code);
                if (mapping.Dialect.IsTransient(e))
                    throw new TransientConnectorException($"HR database '{mapping.Mapping.Name}' was busy during erasure ({code}); nothing was changed", inner: e);
                return HrOutcomeBuilder.Failed(mapping,
                    $"erasure in HR database '{mapping.Mapping.Name}' failed at step {step} ({code}) and was rolled back; nothing was changed");
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
    }

    /// <summary>Retained categories carry the subject's root keys, so the deferred erasure finds the rows without identifiers.</summary>
    private static SystemOutcome WithRootKeys(SystemOutcome outcome, SubjectRoots roots)
    {
        var keys = roots.Roots
            .SelectMany(r => r.Keys.Select(k => r.Node.Name + RootKeySeparator + Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return outcome with
        {
            Categories = [.. outcome.Categories.Select(c => c.Kind == OutcomeKind.Retained && c.RetainedUntil is not null ? c with { RecordKeys = keys } : c)],
        };
    }

    private const char RootKeySeparator = ':';

    private static Dictionary<string, List<string>> RootKeys(IEnumerable<string> keys)
    {
        var byRoot = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var at = key.IndexOf(RootKeySeparator, StringComparison.Ordinal);
            if (at <= 0) continue;
            var root = key[..at];
            (byRoot.TryGetValue(root, out var list) ? list : byRoot[root] = []).Add(key[(at + 1)..]);
        }

        return byRoot;
    }

    /// <summary>A recorded key as the root table's key column holds it (integer keys are compared as integers).</summary>
    private static object TypedKey(HrTableNode root, string key) =>
        root.KindOf(root.Mapping.Key) == SqlValueKind.Integer
        && long.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : key;

    /// <summary>HR systems process no personal data for direct marketing, so an objection changes nothing here.</summary>
    public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(new SystemOutcome([], "the HR database is not used for direct marketing; nothing to stop"));

    private async IAsyncEnumerable<ExportRecord> ExportRowsAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var roots = await ResolveAsync(subject, connection, null, false, cancellationToken);
        var source = mapping.Mapping.Source ?? mapping.Mapping.Name;
        foreach (var (node, scope) in HrScopes.All(roots))
        {
            var retention = HrRetentionText.For(node, mapping.Mapping);
            var recordSource = $"{source} — {node.Mapping.Label ?? node.Name}";
            var key = node.Col(node.Mapping.Key);
            // A retained table's rows each carry their end date (the mapping's period after the row's own date
            // column), so the summary can flag records already past it; the date column is read beside the group's.
            var rule = node.Mapping.Erasure;
            var anchor = rule.Action == HrErasureAction.Retain && rule.After is { } afterColumn ? afterColumn : null;
            var period = anchor is null ? null : RetentionPeriod.For(rule, mapping.Mapping.Jurisdiction, mapping.Mapping.FiscalYearEnd);
            foreach (var group in node.Groups)
            {
                // Keyset pages: each page is one short statement streamed from its reader; nothing is kept between rows.
                object? after = null;
                while (true)
                {
                    var statement = new SqlStatement(mapping.Dialect);
                    var predicate = scope(statement) + (after is null ? "" : $" AND {key} > {statement.Add(after)}");
                    var list = string.Join(", ", new[] { key }.Concat(group.Columns.Select(c => node.Col(c.Column))).Concat(anchor is null ? [] : [node.Col(anchor)]));
                    var sql = mapping.Dialect.SelectPage(list, node.Table, predicate, key, statement.Add(options.PageSize));
                    var rows = 0;
                    await using (var command = statement.CreateCommand(connection, null, sql))
                    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                    {
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            rows++;
                            after = reader.GetValue(0);
                            var fields = new JObject();
                            for (var i = 0; i < group.Columns.Count; i++)
                                fields[group.Columns[i].Label] = HrValues.ToJson(reader, i + 1, node.KindOf(group.Columns[i].Column));
                            var until = anchor is null ? null : AnchorDate(reader, group.Columns.Count + 1, node.KindOf(anchor)) is { } date
                                ? period!.ErasureDate(date).AddDays(-1)
                                : (DateOnly?)null; // no date yet (an employment still running): the period has not started
                            yield return new ExportRecord(group.Key.Category, group.Key.Purpose, group.Key.StatedLegalBasis, recordSource, retention, fields, until);
                        }
                    }

                    if (rows < options.PageSize) break;
                }
            }
        }
    }

    /// <summary>The row's retention anchor as a date; null when the column is empty or holds no date.</summary>
    private static DateOnly? AnchorDate(DbDataReader reader, int ordinal, SqlValueKind kind)
    {
        if (reader.IsDBNull(ordinal)) return null;
        return kind switch
        {
            SqlValueKind.Date => reader.GetFieldValue<DateOnly>(ordinal),
            SqlValueKind.DateTime => DateOnly.FromDateTime(reader.GetDateTime(ordinal)),
            _ => DateOnly.TryParseExact(Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) is { Length: >= 10 } text ? text[..10] : "",
                    "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
                ? parsed
                : null,
        };
    }

    private async IAsyncEnumerable<ExportRecord> TranslateErrors(IAsyncEnumerable<ExportRecord> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync()) yield break;
            }
            catch (DbException e)
            {
                throw Translate(e, "export");
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>An open connection for <paramref name="operation"/>; a failure to connect becomes a connector exception.</summary>
    private async Task<DbConnection> OpenForAsync(string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenConnectionAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw Translate(e, operation);
        }
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = mapping.Dialect.CreateConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The accepted roots; an identity conflict throws before anything is read or changed.</summary>
    private async Task<SubjectRoots> ResolveAsync(SubjectIdentity subject, DbConnection connection, DbTransaction? transaction, bool forUpdate, CancellationToken cancellationToken)
    {
        var roots = await SubjectRoots.ResolveAsync(mapping, Keys(subject), subject, connection, transaction, forUpdate, options.MaxRootRows, cancellationToken);
        IdentityConflictException.ThrowIfConflict(roots.Identity);
        return roots;
    }

    private HrSubjectKeys Keys(SubjectIdentity subject) => HrSubjectKeys.From(subject, mapping.Mapping, options.NationalIdHashKey);

    private Exception Translate(DbException e, string operation)
    {
        var code = mapping.Dialect.ErrorCode(e);
        var transient = mapping.Dialect.IsTransient(e);
        HrSqlLog.DatabaseFailed(logger, mapping.Mapping.Name, operation, code, transient);
        var reason = $"HR database '{mapping.Mapping.Name}' failed during {operation} ({code})";
        return transient ? new TransientConnectorException(reason, inner: e) : new PermanentConnectorException(reason, e);
    }

    private static async Task RollbackQuietlyAsync(DbTransaction? transaction)
    {
        if (transaction is null) return;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The connection may already have aborted the transaction; disposal cleans up either way.
        }
    }
}
