using System.Data.Common;
using System.Globalization;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr;

/// <summary>The subject's identifiers as the HR database stores them (lower-cased e-mails, hashed national id).</summary>
internal sealed record HrSubjectKeys(IReadOnlyList<string> Emails, string? EmployeeNumber, string? NationalIdHash)
{
    public static HrSubjectKeys From(SubjectIdentity subject, HrMapping mapping, byte[]? nationalIdKey)
    {
        var emails = subject.AllEmails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim().ToLowerInvariant()).Distinct().ToList();
        string? hash = null;
        if (mapping.NationalIdHash is { } rule && subject.SystemIds?.TryGetValue(HrSubjectIds.NationalId, out var id) == true && !string.IsNullOrWhiteSpace(id))
            hash = HrHashing.HashNationalId(id, rule, nationalIdKey);
        return new HrSubjectKeys(emails, string.IsNullOrWhiteSpace(subject.EmployeeId) ? null : subject.EmployeeId.Trim(), hash);
    }
}

/// <summary>The subject's rows in each root table, by key. Children are reached from these keys through their foreign keys.</summary>
internal sealed record SubjectRoots(IReadOnlyList<(HrTableNode Node, IReadOnlyList<object> Keys)> Roots)
{
    public bool Found => Roots.Any(r => r.Keys.Count > 0);

    public static async Task<SubjectRoots> ResolveAsync(
        ValidatedHrMapping mapping, HrSubjectKeys keys, DbConnection connection, DbTransaction? transaction, bool forUpdate,
        int maxRootRows, CancellationToken cancellationToken)
    {
        var roots = new List<(HrTableNode, IReadOnlyList<object>)>();
        foreach (var root in mapping.Roots)
        {
            var statement = new SqlStatement(mapping.Dialect);
            var predicate = LookupPredicate(root, keys, statement);
            if (predicate is null)
            {
                roots.Add((root, []));
                continue;
            }

            var key = root.Col(root.Mapping.Key);
            var sql = forUpdate ? mapping.Dialect.SelectForUpdate(key, root.Table, predicate) : $"SELECT {key} FROM {root.Table} WHERE {predicate}";
            await using var command = statement.CreateCommand(connection, transaction, sql);
            var found = new List<object>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    found.Add(reader.GetValue(0));
            if (found.Count > maxRootRows)
                throw new PermanentConnectorException(
                    $"the subject's identifiers match {found.Count} rows in HR table '{root.Name}' (more than {maxRootRows}); check the mapping's lookup columns");
            roots.Add((root, found));
        }

        return new SubjectRoots(roots);
    }

    public static SubjectRoots FromKeys(HrTableNode root, IReadOnlyList<object> keys) => new([(root, keys)]);

    /// <summary>Identifiers OR-ed together; only identifiers the subject has and the table maps take part.</summary>
    private static string? LookupPredicate(HrTableNode root, HrSubjectKeys keys, SqlStatement statement)
    {
        var lookup = root.Mapping.Lookup!;
        var parts = new List<string>();
        if (lookup.Email is { } email && keys.Emails.Count > 0)
            parts.Add($"lower({root.Col(email)}) IN ({string.Join(", ", keys.Emails.Select(statement.Add))})");
        if (lookup.EmployeeNumber is { } number && keys.EmployeeNumber is { } employeeNumber)
        {
            if (root.KindOf(number) == SqlValueKind.Text)
                parts.Add($"{root.Col(number)} = {statement.Add(employeeNumber)}");
            else if (long.TryParse(employeeNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                parts.Add($"{root.Col(number)} = {statement.Add(n)}");
        }

        if (lookup.NationalIdHash is { } hash && keys.NationalIdHash is { } value)
            parts.Add($"{root.Col(hash)} = {statement.Add(value)}");
        return parts.Count == 0 ? null : "(" + string.Join(" OR ", parts) + ")";
    }
}

/// <summary>The SQL predicate selecting one table's rows that belong to the subject, nested through the foreign keys.</summary>
internal delegate string HrScope(SqlStatement statement);

internal static class HrScopes
{
    public static HrScope ForRoot(HrTableNode root, IReadOnlyList<object> keys) =>
        s => $"{root.Col(root.Mapping.Key)} IN ({string.Join(", ", keys.Select(s.Add))})";

    public static HrScope ForChild(HrTableNode child, HrScope parentScope)
    {
        var parent = child.Parent!;
        return s => $"{child.Col(child.Mapping.ForeignKey!)} IN (SELECT {parent.Col(parent.Mapping.Key)} FROM {parent.Table} WHERE {parentScope(s)})";
    }

    /// <summary>Every table under the subject's roots with its scope, parents before children.</summary>
    public static IEnumerable<(HrTableNode Node, HrScope Scope)> All(SubjectRoots roots)
    {
        foreach (var (root, keys) in roots.Roots)
        {
            if (keys.Count == 0) continue;
            foreach (var item in Walk(root, ForRoot(root, keys))) yield return item;
        }
    }

    private static IEnumerable<(HrTableNode, HrScope)> Walk(HrTableNode node, HrScope scope)
    {
        yield return (node, scope);
        foreach (var child in node.Children)
            foreach (var item in Walk(child, ForChild(child, scope)))
                yield return item;
    }
}
