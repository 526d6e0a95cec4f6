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

/// <summary>
/// The subject's rows in each root table, by key, as the identity resolution accepted them. Children are reached from
/// these keys through their foreign keys. Each root row is one person; <see cref="Identity"/> says which identifiers
/// matched which row.
/// </summary>
internal sealed record SubjectRoots(IReadOnlyList<(HrTableNode Node, IReadOnlyList<object> Keys)> Roots, IdentityResolution Identity)
{
    public bool Found => Roots.Any(r => r.Keys.Count > 0);

    /// <summary>
    /// Finds candidate rows with one parameterised statement per root (any mapped identifier), then re-checks every
    /// candidate in code for an exact match — a collation or type quirk of the database cannot widen what is acted
    /// on — and applies the shared identity rule. A conflict yields no roots.
    /// </summary>
    public static async Task<SubjectRoots> ResolveAsync(
        ValidatedHrMapping mapping, HrSubjectKeys keys, SubjectIdentity subject, DbConnection connection, DbTransaction? transaction,
        bool forUpdate, int maxRootRows, CancellationToken cancellationToken)
    {
        var candidates = new List<(HrTableNode Root, object Key, RecordMatch Match)>();
        foreach (var root in mapping.Roots)
        {
            var statement = new SqlStatement(mapping.Dialect);
            var predicate = LookupPredicate(root, keys, statement);
            if (predicate is null) continue;

            var lookup = root.Mapping.Lookup!;
            var columns = new[] { root.Mapping.Key, lookup.Email, lookup.EmployeeNumber, lookup.NationalIdHash };
            var list = string.Join(", ", columns.Select(c => c is null ? "NULL" : root.Col(c)));
            var sql = forUpdate ? mapping.Dialect.SelectForUpdate(list, root.Table, predicate) : $"SELECT {list} FROM {root.Table} WHERE {predicate}";
            await using var command = statement.CreateCommand(connection, transaction, sql);
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    var key = reader.GetValue(0);
                    var matchedBy = MatchedBy(keys, subject, Text(reader, 1), Text(reader, 2), Text(reader, 3));
                    if (matchedBy.Count == 0) continue; // the database matched loosely; not an exact match, not the subject
                    candidates.Add((root, key, new RecordMatch(
                        $"{root.Name}/{Convert.ToString(key, CultureInfo.InvariantCulture)}", root.Name, matchedBy)));
                }
            }

            if (rows > maxRootRows)
                throw new PermanentConnectorException(
                    $"the subject's identifiers match {rows} rows in HR table '{root.Name}' (more than {maxRootRows}); check the mapping's lookup columns");
        }

        var identity = IdentityResolution.Resolve(candidates.Select(c => c.Match), subject);
        var accepted = identity.Accepted.Select(m => m.Record).ToHashSet(StringComparer.Ordinal);
        return new SubjectRoots(
            mapping.Roots.Select(root => (root, (IReadOnlyList<object>)candidates
                .Where(c => c.Root == root && accepted.Contains(c.Match.Record)).Select(c => c.Key).ToList())).ToList(),
            identity);
    }

    public static SubjectRoots FromKeys(HrTableNode root, IReadOnlyList<object> keys) => new([(root, keys)], IdentityResolution.None);

    private static string? Text(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>The subject's identifiers that equal this row's lookup values exactly (emails ignoring case).</summary>
    private static List<string> MatchedBy(HrSubjectKeys keys, SubjectIdentity subject, string? email, string? employeeNumber, string? nationalIdHash)
    {
        var matched = new List<string>();
        if (email is not null)
        {
            var address = email.Trim();
            foreach (var wanted in keys.Emails.Where(e => string.Equals(e, address, StringComparison.OrdinalIgnoreCase)))
                matched.Add(subject.EmailIdentifier(wanted));
        }

        if (employeeNumber is not null && keys.EmployeeNumber is { } number && string.Equals(employeeNumber.Trim(), number, StringComparison.Ordinal))
            matched.Add(SubjectIdentifiers.EmployeeId);
        if (nationalIdHash is not null && keys.NationalIdHash is { } hash && string.Equals(nationalIdHash, hash, StringComparison.Ordinal))
            matched.Add(SubjectIdentifiers.NationalId);
        return matched.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Candidate rows: identifiers OR-ed together, every value a parameter; only identifiers the subject has and the table maps take part.</summary>
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
