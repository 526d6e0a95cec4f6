using System.Data.Common;
using System.Globalization;
using PrivacySync.Connectors.Hr.Erasure;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>
/// Checks a mapping on its own (rules that must hold whatever the database) and against the live schema
/// (every table and column exists with a compatible type). Each error names the table and column.
/// </summary>
internal static class HrMappingValidator
{
    public const int PseudonymLength = 20;

    public static async Task<ValidatedHrMapping> ValidateAsync(
        HrMapping mapping, ISqlDialect dialect, DbConnection connection, bool hasNationalIdKey, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        CheckStatic(mapping, dialect, hasNationalIdKey, errors);
        var roots = new List<HrTableNode>();
        foreach (var table in mapping.Tables)
        {
            var node = await BuildAsync(table, null, mapping, dialect, connection, errors, cancellationToken);
            if (node is not null) roots.Add(node);
        }

        if (mapping.Schedule is { } schedule)
        {
            var columns = await dialect.ReadColumnsAsync(connection, mapping.Schema, schedule.Table, cancellationToken);
            if (columns is null)
                errors.Add($"schedule table '{schedule.Table}' does not exist (create it with the DDL in Hr/Sample or remove 'schedule')");
            else
                foreach (var column in ErasureScheduleColumns.All.Where(c => !columns.ContainsKey(c)))
                    errors.Add($"schedule table '{schedule.Table}': column '{column}' does not exist");
        }

        if (errors.Count > 0) throw new HrMappingException(mapping.Name, errors);
        return new ValidatedHrMapping(mapping, roots, dialect);
    }

    private static void CheckStatic(HrMapping mapping, ISqlDialect dialect, bool hasNationalIdKey, List<string> errors)
    {
        if (mapping.Tables.Count == 0) errors.Add("no tables are mapped");
        if (dialect is SqliteDialect && mapping.Schema is not null and not "main")
            errors.Add($"schema '{mapping.Schema}': SQLite databases have no schemas (use null or \"main\")");
        if (!DateOnly.TryParseExact("2001-" + mapping.FiscalYearEnd, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add($"fiscalYearEnd '{mapping.FiscalYearEnd}' is not a valid \"MM-dd\" day");
        if (mapping.NationalIdHash is { } hash)
        {
            if (hash.Algorithm is not ("hmac-sha256" or "sha256")) errors.Add($"nationalIdHash: unknown algorithm '{hash.Algorithm}' (hmac-sha256, sha256)");
            if (hash.Algorithm == "hmac-sha256" && !hasNationalIdKey) errors.Add("nationalIdHash: hmac-sha256 needs a key in the connector's configuration");
            if (hash.Normalise is not ("digits" or "trim")) errors.Add($"nationalIdHash: unknown normalise '{hash.Normalise}' (digits, trim)");
            if (hash.Encoding is not ("hex" or "base64")) errors.Add($"nationalIdHash: unknown encoding '{hash.Encoding}' (hex, base64)");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in Flatten(mapping.Tables))
            if (!names.Add(table.Table)) errors.Add($"table '{table.Table}' is mapped more than once");
    }

    private static IEnumerable<HrTableMapping> Flatten(IEnumerable<HrTableMapping> tables) =>
        tables.SelectMany(t => new[] { t }.Concat(Flatten(t.Children)));

    private static async Task<HrTableNode?> BuildAsync(
        HrTableMapping table, HrTableNode? parent, HrMapping mapping, ISqlDialect dialect, DbConnection connection,
        List<string> errors, CancellationToken cancellationToken)
    {
        var t = $"table '{table.Table}'";
        CheckTableRules(table, parent, mapping, errors, t);
        var columns = await dialect.ReadColumnsAsync(connection, mapping.Schema, table.Table, cancellationToken);
        if (columns is null)
        {
            errors.Add($"{t} does not exist in the database");
            return null;
        }

        void Need(string? column, string role, params SqlValueKind[] kinds)
        {
            if (column is null) return;
            if (!columns.TryGetValue(column, out var info))
                errors.Add($"{t}: column '{column}' ({role}) does not exist");
            else if (kinds.Length > 0 && !kinds.Contains(info.Kind))
                errors.Add($"{t}: column '{column}' ({role}) has type '{info.NativeType}', expected {string.Join(" or ", kinds).ToLowerInvariant()}");
        }

        Need(table.Key, "key", SqlValueKind.Integer, SqlValueKind.Text);
        if (parent is not null && table.ForeignKey is not null && parent.Columns.TryGetValue(parent.Mapping.Key, out var parentKey))
            Need(table.ForeignKey, "foreign key", parentKey.Kind);
        Need(table.Lookup?.Email, "e-mail lookup", SqlValueKind.Text);
        Need(table.Lookup?.EmployeeNumber, "employee number lookup", SqlValueKind.Text, SqlValueKind.Integer);
        Need(table.Lookup?.NationalIdHash, "national id hash lookup", SqlValueKind.Text);
        Need(table.Erasure.After, "retention date", SqlValueKind.Date, SqlValueKind.DateTime);
        Need(table.Erasure.KeepIf?.Column, "keep-if flag", SqlValueKind.Boolean);
        Need(table.RestrictionColumn, "restriction flag", SqlValueKind.Boolean);
        Need(table.Erasure.KeepIf?.After, "keep-if retention date", SqlValueKind.Date, SqlValueKind.DateTime);
        foreach (var column in table.Columns)
        {
            Need(column.Column, "mapped column");
            if (!columns.TryGetValue(column.Column, out var info)) continue;
            if (column.Erasure == HrColumnErasure.Null && !info.Nullable)
                errors.Add($"{t}: column '{column.Column}' is erased by 'null' but is NOT NULL in the database (use 'pseudonymise' or 'keep')");
            if (column.Erasure == HrColumnErasure.Pseudonymise && (info.Kind != SqlValueKind.Text || info.MaxLength < PseudonymLength))
                errors.Add($"{t}: column '{column.Column}' is erased by 'pseudonymise' but has type '{info.NativeType}' (needs text of at least {PseudonymLength} characters)");
            if (column.Column.Equals(table.Key, StringComparison.OrdinalIgnoreCase) && column.Erasure != HrColumnErasure.Keep)
                errors.Add($"{t}: the key column '{column.Column}' cannot be erased by '{column.Erasure}'");
        }

        var node = new HrTableNode(table, parent, mapping.Schema, dialect, columns);
        foreach (var child in table.Children)
        {
            var childNode = await BuildAsync(child, node, mapping, dialect, connection, errors, cancellationToken);
            if (childNode is not null) node.Children.Add(childNode);
        }

        return node;
    }

    private static void CheckTableRules(HrTableMapping table, HrTableNode? parent, HrMapping mapping, List<string> errors, string t)
    {
        if (parent is null && (table.Lookup is null || (table.Lookup.Email ?? table.Lookup.EmployeeNumber ?? table.Lookup.NationalIdHash) is null))
            errors.Add($"{t} is a root table but has no lookup column (email, employeeNumber or nationalIdHash)");
        if (parent is not null && table.Lookup is not null) errors.Add($"{t} is a child table and cannot have a lookup");
        if (parent is not null && table.ForeignKey is null) errors.Add($"{t} is a child of '{parent.Name}' but has no foreignKey");
        if (table.Lookup?.NationalIdHash is not null && mapping.NationalIdHash is null)
            errors.Add($"{t} looks up by nationalIdHash but the mapping has no nationalIdHash rule");
        if (table.Columns.Count == 0) errors.Add($"{t} maps no columns");
        if (table.SpecialCategory && table.Article9Condition is null)
            errors.Add($"{t} holds special-category data (Art. 9) but names no article9Condition");
        foreach (var column in table.Columns)
        {
            if (column.Erasure is not (HrColumnErasure.Keep or HrColumnErasure.Null or HrColumnErasure.Pseudonymise))
                errors.Add($"{t}: column '{column.Column}' has unknown erasure '{column.Erasure}' (keep, null, pseudonymise)");
            if (column.SpecialCategory == true && (column.Article9Condition ?? table.Article9Condition) is null)
                errors.Add($"{t}: column '{column.Column}' holds special-category data (Art. 9) but names no article9Condition");
        }

        var rule = table.Erasure;
        switch (rule.Action)
        {
            case HrErasureAction.Delete:
                if (rule.KeepIf is { } keep && keep.Years * 12 + keep.Months <= 0)
                    errors.Add($"{t}: keepIf needs a positive period (years/months)");
                break;
            case HrErasureAction.Retain:
                if (rule.After is null) errors.Add($"{t}: 'retain' needs 'after' (the date column the period runs from)");
                if (rule.LegalBasis is null) errors.Add($"{t}: 'retain' needs the legalBasis for keeping the rows");
                if (rule.Anchor is not (HrRetentionAnchor.Date or HrRetentionAnchor.FiscalYearEnd))
                    errors.Add($"{t}: unknown anchor '{rule.Anchor}' (date, fiscalYearEnd)");
                var period = RetentionPeriod.For(rule, mapping.Jurisdiction, mapping.FiscalYearEnd);
                if (period.TotalMonths <= 0) errors.Add($"{t}: 'retain' needs a positive period for jurisdiction '{mapping.Jurisdiction}'");
                break;
            case HrErasureAction.Anonymise:
                if (table.Columns.All(c => c.Erasure == HrColumnErasure.Keep))
                    errors.Add($"{t}: 'anonymise' needs at least one column erased by 'null' or 'pseudonymise'");
                if (parent is not null && !table.Columns.Any(c => c.Column.Equals(table.ForeignKey, StringComparison.OrdinalIgnoreCase) && c.Erasure == HrColumnErasure.Null))
                    errors.Add($"{t}: 'anonymise' on a child table must erase its foreign key '{table.ForeignKey}' by 'null', or the rows stay linked to the person");
                break;
            case HrErasureAction.WithParent:
                if (parent is null) errors.Add($"{t}: 'withParent' is only for child tables");
                break;
            default:
                errors.Add($"{t}: unknown erasure action '{rule.Action}' (delete, retain, anonymise, withParent)");
                break;
        }

        if (rule.KeepIf is not null && rule.Action != HrErasureAction.Delete) errors.Add($"{t}: keepIf is only for 'delete'");

        // A deleted parent row cannot keep children that still reference it: the FK would refuse the delete.
        if (parent is not null && parent.Action == HrErasureAction.Delete && parent.Mapping.Erasure.KeepIf is null
            && rule.Action == HrErasureAction.Retain)
            errors.Add($"{t} retains rows but its parent '{parent.Name}' deletes them; retain the parent too");
    }
}
