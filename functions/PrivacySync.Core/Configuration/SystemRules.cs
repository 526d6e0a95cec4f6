using System.Text.RegularExpressions;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

internal static partial class SystemRules
{
    public static void Check(
        ValidationErrors errors,
        string path,
        SystemOptions? system,
        IReadOnlySet<string> entityIds,
        IReadOnlySet<string> ruleNames,
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
            if (!entityIds.Contains(entities[i]))
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
            CheckCategory(errors, $"{path}.Categories[{i}]", categories[i], ruleNames);
        }

        errors.Unique($"{path}.Categories", categories, c => c?.Name, "category name");
        if (kind is not null)
        {
            CheckConnectorSection(errors, path, system, kind, kinds!);
            kind.Validate(system, path, errors);
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

    private static void CheckCategory(ValidationErrors errors, string path, CategoryOptions? category, IReadOnlySet<string> ruleNames)
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

        errors.Required($"{path}.Purpose", category.Purpose);

        var basis = category.LegalBasis ?? string.Empty;
        if (!LegalBasisCitation().IsMatch(basis))
        {
            errors.Add($"{path}.LegalBasis", "must cite GDPR Art. 6(1)(a)–(f) or Art. 9(2)(a)–(j), e.g. 'Art. 6(1)(b)'");
        }

        var hasAction = WireNames.TryParse<ErasureAction>(category.RawErasureAction, out var action);
        if (!hasAction)
        {
            errors.Add($"{path}.ErasureAction", $"must be {WireNames.Describe<ErasureAction>()}");
        }

        if (category.RetentionRule is { } rule)
        {
            if (!ruleNames.Contains(rule))
            {
                errors.Add($"{path}.RetentionRule", $"unknown retention rule '{rule}'");
            }
        }
        else if (hasAction && action == ErasureAction.Retain)
        {
            errors.Add($"{path}.RetentionRule", "required when ErasureAction is 'retain' (the subject is told until when and why)");
        }
        else if (SpecialCategory().IsMatch(basis))
        {
            errors.Add($"{path}.RetentionRule", "required for special-category data (Art. 9): name its own, shortest rule");
        }
    }

    [GeneratedRegex(@"Art\.\s*(6\(1\)\([a-f]\)|9\(2\)\([a-j]\))", RegexOptions.CultureInvariant)]
    private static partial Regex LegalBasisCitation();

    [GeneratedRegex(@"Art\.\s*9\(2\)", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialCategory();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
