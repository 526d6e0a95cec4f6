using System.Globalization;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>A recipient as the subject is told of it (Art. 15(1)(c), 15(2)).</summary>
public sealed record RecipientFacts(string Name, string? Role, string? Country, bool OutsideEea, string? Safeguard);

/// <summary>The retention period or criteria of a category (Art. 15(1)(d)) and, for retained data, its Art. 17(3) ground.</summary>
public sealed record RetentionFacts(string Rule, string Text, string? Period, string? LegalReference, string? Exemption);

/// <summary>
/// What the subject is told about one category in one system, in their language. <see cref="Configured"/> is false
/// when no configured category covers the connector's category: the texts are then the connector's built-in defaults.
/// </summary>
public sealed record CategoryFacts(
    string Key,
    string Label,
    bool Configured,
    string? Purpose,
    string? LegalBasis,
    string? PersonalData,
    IReadOnlyList<RecipientFacts> Recipients,
    string? Source,
    string? AutomatedDecisions,
    RetentionFacts? Retention,
    ErasureAction? ErasureAction);

/// <summary>The controller as the subject is told of it: who, where to complain (Art. 15(1)(f), 77), whom to write to.</summary>
public sealed record ControllerFacts(
    string Id,
    string Name,
    string Jurisdiction,
    string SupervisoryAuthority,
    string? SupervisoryAuthorityUrl,
    string PrivacyContact,
    string? ActsAsProcessorFor);

/// <summary>
/// The one source of truth for what a package, certificate or letter tells the subject: the configuration of the
/// request's legal entity and systems, in the request's language. A connector's own texts are used only for the
/// categories the configuration does not cover.
/// </summary>
public sealed class SubjectFacts
{
    private readonly PrivacySyncOptions options;

    public SubjectFacts(PrivacySyncOptions options, LegalEntityOptions entity, string language)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(entity);
        this.options = options;
        Language = Languages.Normalise(language);
        Controller = new ControllerFacts(
            entity.Id ?? string.Empty,
            entity.Name ?? entity.Id ?? string.Empty,
            entity.RawJurisdiction ?? string.Empty,
            entity.SupervisoryAuthority?.Name ?? string.Empty,
            entity.SupervisoryAuthority?.Url,
            entity.PrivacyContact ?? string.Empty,
            entity.ActsAsProcessorFor);
    }

    public string Language { get; }

    public ControllerFacts Controller { get; }

    /// <summary>The system's name for the subject; <paramref name="fallback"/> for a system no longer configured.</summary>
    public string SystemName(string systemId, string fallback) =>
        options.FindSystem(systemId) is { } system ? system.SubjectName?.For(Language) ?? system.DisplayName ?? fallback : fallback;

    /// <summary>A rectifiable field's label for the subject; the field's name when the system declares none.</summary>
    public string FieldLabel(string systemId, string field) =>
        options.FindSystem(systemId)?.FindRectifiable(field)?.Label?.For(Language)
        ?? options.Systems.Select(s => s.FindRectifiable(field)?.Label?.For(Language)).FirstOrDefault(l => l is not null)
        ?? field;

    public int? BackupRetentionDays(string systemId) => options.FindSystem(systemId)?.BackupRetentionDays;

    /// <summary>The facts of <paramref name="connectorCategory"/> in <paramref name="systemId"/>, with the connector's texts as the fallback.</summary>
    public CategoryFacts Category(string systemId, string connectorCategory, string? connectorPurpose = null, string? connectorLegalBasis = null, string? connectorRetention = null)
    {
        var configured = options.FindSystem(systemId)?.CategoryCovering(connectorCategory);
        if (configured is null)
        {
            var retention = string.IsNullOrWhiteSpace(connectorRetention) ? null : new RetentionFacts(string.Empty, connectorRetention, null, null, null);
            return new CategoryFacts(connectorCategory, connectorCategory, false, connectorPurpose, connectorLegalBasis, null, [], null, null, retention, null);
        }

        return new CategoryFacts(
            configured.Name!,
            configured.DisplayName?.For(Language) ?? configured.Name!,
            true,
            configured.Purpose?.For(Language) ?? connectorPurpose,
            configured.LegalBasis?.For(Language) ?? connectorLegalBasis,
            configured.PersonalData?.For(Language),
            configured.Recipients.Select(r => new RecipientFacts(r.Name ?? string.Empty, r.Role?.For(Language), r.Country, r.OutsideEea, r.Safeguard?.For(Language))).ToList(),
            configured.Source?.For(Language),
            configured.AutomatedDecisions?.For(Language),
            Retention(configured),
            configured.ErasureAction);
    }

    /// <summary>
    /// The latest end of retention under the category's rule for data that exists on <paramref name="asOf"/>, for rules
    /// that run from the end of the fiscal year or from collection (the event lies on or before that day); null when the
    /// rule runs from an event still to come (an agreement's end) or the category has no rule.
    /// </summary>
    public DateOnly? LatestRetentionEnd(CategoryFacts category, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.Retention is { Rule: { Length: > 0 } name } && options.FindRetentionRule(name) is { } rule
            && RetentionRuleOptions.TryParsePeriod(rule.Period) is not null
            && rule.After is RetentionAnchor.FiscalYearEnd or RetentionAnchor.Collection
                ? rule.RetainUntil(asOf)
                : null;
    }

    private RetentionFacts? Retention(CategoryOptions category)
    {
        if (category.RuleFor(Controller.Jurisdiction) is not { } name || options.FindRetentionRule(name) is not { } rule)
        {
            return null;
        }

        var text = rule.Description?.For(Language) ?? RetentionWords.Describe(rule, Language);
        return new RetentionFacts(name, text, rule.Period, rule.LegalReference?.For(Language), rule.Exemption?.For(Language));
    }
}

/// <summary>A retention rule's period and anchor in words, for rules without a Description.</summary>
internal static class RetentionWords
{
    public static string Describe(RetentionRuleOptions rule, string language)
    {
        var period = RetentionRuleOptions.TryParsePeriod(rule.Period);
        var (years, months, weeks, days) = period is null ? (0, 0, 0, 0) : (period.Years, period.Months, period.Weeks, period.Days);
        var parts = new List<string>();
        void Add(int n, string en1, string enN, string nb1, string nbN, string sv1, string svN)
        {
            if (n == 0)
            {
                return;
            }

            var word = language switch
            {
                Languages.Norwegian => n == 1 ? nb1 : nbN,
                Languages.Swedish => n == 1 ? sv1 : svN,
                _ => n == 1 ? en1 : enN,
            };
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {word}"));
        }

        Add(years, "year", "years", "år", "år", "år", "år");
        Add(months, "month", "months", "måned", "måneder", "månad", "månader");
        Add(weeks, "week", "weeks", "uke", "uker", "vecka", "veckor");
        Add(days, "day", "days", "dag", "dager", "dag", "dagar");
        var anchor = (language, rule.After) switch
        {
            (Languages.Norwegian, RetentionAnchor.FiscalYearEnd) => "etter utgangen av regnskapsåret",
            (Languages.Norwegian, RetentionAnchor.AgreementEnd) => "etter at avtalen opphørte",
            (Languages.Norwegian, RetentionAnchor.EmploymentEnd) => "etter at arbeidsforholdet opphørte",
            (Languages.Norwegian, RetentionAnchor.LastDelivery) => "etter siste leveranse",
            (Languages.Norwegian, RetentionAnchor.LastActivity) => "etter siste aktivitet",
            (Languages.Norwegian, _) => "etter at opplysningene ble registrert",
            (Languages.Swedish, RetentionAnchor.FiscalYearEnd) => "efter räkenskapsårets utgång",
            (Languages.Swedish, RetentionAnchor.AgreementEnd) => "efter att avtalet upphörde",
            (Languages.Swedish, RetentionAnchor.EmploymentEnd) => "efter att anställningen upphörde",
            (Languages.Swedish, RetentionAnchor.LastDelivery) => "efter sista leveransen",
            (Languages.Swedish, RetentionAnchor.LastActivity) => "efter senaste aktiviteten",
            (Languages.Swedish, _) => "efter att uppgifterna registrerades",
            (_, RetentionAnchor.FiscalYearEnd) => "after the end of the fiscal year",
            (_, RetentionAnchor.AgreementEnd) => "after the agreement ended",
            (_, RetentionAnchor.EmploymentEnd) => "after the employment ended",
            (_, RetentionAnchor.LastDelivery) => "after the last delivery",
            (_, RetentionAnchor.LastActivity) => "after the last activity",
            _ => "after the data was recorded",
        };
        return $"{string.Join(" ", parts)} {anchor}";
    }
}
