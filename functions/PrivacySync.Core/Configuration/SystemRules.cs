using System.Text.RegularExpressions;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

internal static partial class SystemRules
{
    public static void Check(
        ValidationErrors errors,
        string path,
        SystemOptions? system,
        IReadOnlyDictionary<string, string?> entityJurisdictions,
        IReadOnlyDictionary<string, RetentionRuleOptions> rules,
        IReadOnlyCollection<IConnectorKindSettings>? kinds)
    {
        if (system is null)
        {
            errors.Add(path, "is empty");
            return;
        }

        if (!PlainId.IsValid(system.Id))
        {
            errors.Add($"{path}.Id", $"must be a plain id ({PlainId.Rule})");
        }

        var kind = kinds?.FirstOrDefault(k => string.Equals(k.Name, system.Kind, StringComparison.Ordinal));
        if (kinds is null)
        {
            errors.Required($"{path}.Kind", system.Kind);
        }
        else if (kind is null)
        {
            errors.Add($"{path}.Kind", $"must be one of {string.Join(", ", kinds.Select(k => $"'{k.Name}'"))}");
        }

        errors.Required($"{path}.DisplayName", system.DisplayName);

        var types = system.RawEnabledRequestTypes ?? [];
        for (var i = 0; i < types.Count; i++)
        {
            if (!WireNames.TryParse<RequestType>(types[i], out _))
            {
                errors.Add($"{path}.EnabledRequestTypes[{i}]", $"unknown request type '{types[i]}'; must be {WireNames.Describe<RequestType>()}");
            }
        }

        errors.Unique($"{path}.EnabledRequestTypes", types, t => t, "request type");

        if (!Uri.TryCreate(system.Endpoint, UriKind.Absolute, out _))
        {
            errors.Add($"{path}.Endpoint", "must be an absolute URI");
        }

        if (system.CredentialReference is not null && !CredentialName().IsMatch(system.CredentialReference))
        {
            errors.Add($"{path}.CredentialReference", "must be the name of an app setting or secret (letters, digits, '_', '-', '.', ':'), never the credential itself");
        }

        if (!WireNames.TryParse<TaskQueue>(system.RawQueue, out _))
        {
            errors.Add($"{path}.Queue", $"must be {WireNames.Describe<TaskQueue>()}");
        }

        var entities = system.Entities ?? [];
        for (var i = 0; i < entities.Count; i++)
        {
            if (!entityJurisdictions.ContainsKey(entities[i]))
            {
                errors.Add($"{path}.Entities[{i}]", $"unknown legal entity '{entities[i]}'");
            }
        }

        var categories = system.Categories ?? [];
        if (categories.Count == 0 && types.Count > 0)
        {
            errors.Add($"{path}.Categories", "at least one data category is required so results can state purpose and legal basis");
        }

        for (var i = 0; i < categories.Count; i++)
        {
            CheckCategory(errors, $"{path}.Categories[{i}]", categories[i], rules, ServedJurisdictions(system, entityJurisdictions));
        }

        errors.Unique($"{path}.Categories", categories, c => c?.Name, "category name");
        errors.Unique($"{path}.Categories[].ConnectorCategories", categories.SelectMany(c => c?.ConnectorCategories ?? []).ToList(), c => c.ToUpperInvariant(), "connector category");
        CheckRectification(errors, path, system, types);
        if (system.BackupRetentionDays is < 1)
        {
            errors.Add($"{path}.BackupRetentionDays", "must be at least 1 (days until backups are overwritten)");
        }
        if (kind is not null)
        {
            CheckConnectorSection(errors, path, system, kind, kinds!);
            kind.Validate(system, path, errors);
        }
    }

    private static void CheckRectification(ValidationErrors errors, string path, SystemOptions system, IReadOnlyList<string> types)
    {
        var fields = system.Rectification ?? [];
        for (var i = 0; i < fields.Count; i++)
        {
            var at = $"{path}.Rectification[{i}]";
            if (fields[i] is not { } field)
            {
                errors.Add(at, "is empty");
                continue;
            }

            if (!PlainId.IsValid(field.Field))
            {
                errors.Add($"{at}.Field", $"must be a plain name ({PlainId.Rule})");
            }

            errors.Required($"{at}.Target", field.Target);
            if (field.Category is null || system.FindCategory(field.Category) is null)
            {
                errors.Add($"{at}.Category", "must name one of the system's configured categories (its recipients are notified of a correction, Art. 19)");
            }
        }

        errors.Unique($"{path}.Rectification", fields, f => f?.Field, "rectifiable field");
        if (fields.Count == 0 && types.Contains(RequestType.Rectification.ToWire(), StringComparer.Ordinal))
        {
            errors.Add($"{path}.Rectification", "at least one rectifiable field is required when the system takes rectification requests");
        }
    }

    // Before the kind reads its own settings: a setting it does not have is named with the kind that has it.
    private static void CheckConnectorSection(
        ValidationErrors errors, string path, SystemOptions system, IConnectorKindSettings kind, IReadOnlyCollection<IConnectorKindSettings> kinds)
    {
        foreach (var setting in system.Connector?.Properties() ?? [])
        {
            if (kind.Settings.Contains(setting.Name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var owners = kinds.Where(k => k.Settings.Contains(setting.Name, StringComparer.OrdinalIgnoreCase)).Select(k => $"'{k.Name}'").ToList();
            errors.Add(
                $"{path}.Connector.{setting.Name}",
                owners.Count == 0 ? "unknown setting" : $"is not a setting of kind '{kind.Name}' (it belongs to {string.Join(" and ", owners)})");
        }
    }

    /// <summary>An app setting's name (what CredentialReference and every *Setting hold).</summary>
    internal static bool IsSettingName(string value) => CredentialName().IsMatch(value);

    private static IReadOnlySet<string> ServedJurisdictions(SystemOptions system, IReadOnlyDictionary<string, string?> entityJurisdictions) =>
        (system.Entities is { Count: > 0 } ids ? ids.Where(entityJurisdictions.ContainsKey).Select(id => entityJurisdictions[id]) : entityJurisdictions.Values)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static void CheckCategory(
        ValidationErrors errors, string path, CategoryOptions? category, IReadOnlyDictionary<string, RetentionRuleOptions> rules, IReadOnlySet<string> served)
    {
        if (category is null)
        {
            errors.Add(path, "is empty");
            return;
        }

        if (!PlainId.IsValid(category.Name))
        {
            errors.Add($"{path}.Name", $"must be a plain name ({PlainId.Rule})");
        }

        errors.Required($"{path}.Purpose", category.Purpose?.Any);

        var bases = category.LegalBasis?.AllTexts.ToList() ?? [];
        if (bases.Count == 0 || bases.Any(b => !LegalBasisCitation().IsMatch(b)))
        {
            errors.Add($"{path}.LegalBasis", "must cite GDPR Art. 6(1)(a)–(f) or Art. 9(2)(a)–(j) in every language, e.g. 'Art. 6(1)(b)'");
        }

        for (var i = 0; i < category.Recipients.Count; i++)
        {
            var recipient = category.Recipients[i];
            errors.Required($"{path}.Recipients[{i}].Name", recipient?.Name);
            if (recipient is { Country: { } country } && !CountryCode().IsMatch(country))
            {
                errors.Add($"{path}.Recipients[{i}].Country", "must be an ISO 3166 two-letter country code, e.g. 'IE' or 'US'");
            }
            else if (recipient is { OutsideEea: true, Safeguard: null })
            {
                errors.Add($"{path}.Recipients[{i}].Safeguard", "required for a recipient outside the EEA (Art. 46: e.g. EU Standard Contractual Clauses)");
            }
        }

        var hasAction = WireNames.TryParse<ErasureAction>(category.RawErasureAction, out var action);
        if (!hasAction)
        {
            errors.Add($"{path}.ErasureAction", $"must be {WireNames.Describe<ErasureAction>()}");
        }

        foreach (var (country, name) in category.RetentionRules)
        {
            CheckRuleReference(errors, $"{path}.RetentionRules.{country}", name, rules, hasAction && action == ErasureAction.Retain, new HashSet<string> { country });
        }

        if (category.RetentionRule is { } rule)
        {
            var uncovered = served.Where(j => !category.RetentionRules.ContainsKey(j)).ToHashSet(StringComparer.Ordinal);
            CheckRuleReference(errors, $"{path}.RetentionRule", rule, rules, hasAction && action == ErasureAction.Retain, uncovered);
        }
        else if (category.RetentionRules.Count > 0 && served.FirstOrDefault(j => !category.RetentionRules.ContainsKey(j)) is { } missing)
        {
            errors.Add($"{path}.RetentionRules", $"names no rule for '{missing}', which the system serves, and there is no RetentionRule to fall back on");
        }
        else if (category.RetentionRules.Count == 0 && hasAction && action == ErasureAction.Retain)
        {
            errors.Add($"{path}.RetentionRule", "required when ErasureAction is 'retain' (the subject is told until when and why)");
        }
        else if (category.RetentionRules.Count == 0 && bases.Any(b => SpecialCategory().IsMatch(b)))
        {
            errors.Add($"{path}.RetentionRule", "required for special-category data (Art. 9): name its own, shortest rule");
        }
    }

    private static void CheckRuleReference(
        ValidationErrors errors, string path, string name, IReadOnlyDictionary<string, RetentionRuleOptions> rules, bool retained, IReadOnlySet<string> usedFor)
    {
        if (!rules.TryGetValue(name, out var rule))
        {
            errors.Add(path, $"unknown retention rule '{name}'");
            return;
        }

        if (retained && RetentionRuleOptions.TryParsePeriod(rule.Period) is null)
        {
            errors.Add(path, $"rule '{name}' has no Period: data kept despite an erasure request needs an end date");
        }

        if (retained && rule.Exemption is null)
        {
            errors.Add(path, $"rule '{name}' has no Exemption: data kept despite an erasure request must name its GDPR Art. 17(3) ground");
        }

        if (rule.Jurisdiction is { } country && usedFor.FirstOrDefault(j => !string.Equals(j, country, StringComparison.Ordinal)) is { } other)
        {
            errors.Add(path, $"rule '{name}' models {country} law but applies here to an entity in {other}; name a rule per country in RetentionRules");
        }
    }

    /// <summary>Whether the text cites a GDPR Art. 17(3) exemption.</summary>
    internal static bool CitesErasureExemption(string text) => ErasureExemption().IsMatch(text);

    [GeneratedRegex(@"Art\.\s*17\(3\)\([a-e]\)", RegexOptions.CultureInvariant)]
    private static partial Regex ErasureExemption();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"Art\.\s*(6\(1\)\([a-f]\)|9\(2\)\([a-j]\))", RegexOptions.CultureInvariant)]
    private static partial Regex LegalBasisCitation();

    [GeneratedRegex(@"Art\.\s*9\(2\)", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialCategory();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
