using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>A table of a validated mapping, with its live column types and quoted names ready for SQL.</summary>
internal sealed class HrTableNode
{
    private readonly ISqlDialect dialect;

    public HrTableNode(HrTableMapping mapping, HrTableNode? parent, string? schema, ISqlDialect dialect,
        IReadOnlyDictionary<string, SqlColumnInfo> columns)
    {
        this.dialect = dialect;
        Mapping = mapping;
        Parent = parent;
        Columns = columns;
        Table = schema is null || dialect is SqliteDialect ? dialect.Quote(mapping.Table) : dialect.Quote(schema) + "." + dialect.Quote(mapping.Table);
        Groups = mapping.Columns
            .GroupBy(c => new HrCategoryKey(
                c.Category ?? mapping.Category,
                c.Purpose ?? mapping.Purpose,
                c.LegalBasis ?? mapping.LegalBasis,
                c.SpecialCategory ?? mapping.SpecialCategory,
                c.Article9Condition ?? mapping.Article9Condition))
            .Select(g => new HrCategoryGroup(g.Key, g.ToList()))
            .ToList();
    }

    public HrTableMapping Mapping { get; }

    public HrTableNode? Parent { get; }

    public List<HrTableNode> Children { get; } = [];

    public IReadOnlyDictionary<string, SqlColumnInfo> Columns { get; }

    /// <summary>The quoted (and schema-qualified) table name.</summary>
    public string Table { get; }

    public IReadOnlyList<HrCategoryGroup> Groups { get; }

    public string Name => Mapping.Table;

    public string Action => Mapping.Erasure.Action;

    /// <summary>A column qualified by its table, so correlated subqueries stay unambiguous.</summary>
    public string Col(string column) => Table + "." + dialect.Quote(column);

    public SqlValueKind KindOf(string column) => Columns[column].Kind;

    public IEnumerable<HrTableNode> SelfAndDescendants() => new[] { this }.Concat(Children.SelectMany(c => c.SelfAndDescendants()));
}

internal sealed record HrCategoryKey(string Category, string Purpose, string LegalBasis, bool Special, string? Article9Condition)
{
    /// <summary>The basis said to the subject: special categories need both an Art. 6 basis and an Art. 9 condition.</summary>
    public string StatedLegalBasis => Special && Article9Condition is not null ? $"{LegalBasis}; {Article9Condition}" : LegalBasis;
}

internal sealed record HrCategoryGroup(HrCategoryKey Key, IReadOnlyList<HrColumnMapping> Columns);

/// <summary>A mapping checked against the live schema: root tables with their subtrees.</summary>
internal sealed record ValidatedHrMapping(HrMapping Mapping, IReadOnlyList<HrTableNode> Roots, ISqlDialect Dialect)
{
    public IEnumerable<HrTableNode> AllTables => Roots.SelectMany(r => r.SelfAndDescendants());

    public IReadOnlyList<string> AllCategories => AllTables.SelectMany(t => t.Groups).Select(g => g.Key.Category).Distinct().ToList();
}
