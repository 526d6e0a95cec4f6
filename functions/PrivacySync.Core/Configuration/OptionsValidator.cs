using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Checks a configuration before anything runs on it. Every message starts with the path of the offending setting,
/// e.g. "Systems[2].Queue: must be 'cloud' or 'onprem'". An empty list means valid.
/// </summary>
public static class OptionsValidator
{
    /// <summary>The generic settings only: a system's kind is not checked against installed kinds, nor its Connector section.</summary>
    public static IReadOnlyList<string> Validate(PrivacySyncOptions options) => Validate(options, null);

    /// <summary>Everything: each system's kind must be one of <paramref name="kinds"/>, which checks its Connector section.</summary>
    public static IReadOnlyList<string> Validate(PrivacySyncOptions options, IReadOnlyCollection<IConnectorKindSettings>? kinds)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ValidationErrors();
        var entities = options.LegalEntities ?? [];
        var systems = options.Systems ?? [];
        var retention = options.Retention ?? [];

        if (entities.Count == 0)
        {
            errors.Add("LegalEntities", "at least one legal entity is required");
        }

        if (options.RequestDataRetentionDays < 1)
        {
            errors.Add("RequestDataRetentionDays", "must be at least 1 (days a request's subject identifiers are kept after completion)");
        }

        if (options.ExportPackageRetentionDays is { } packageDays && (packageDays < 1 || packageDays > Math.Max(options.RequestDataRetentionDays, 1)))
        {
            errors.Add("ExportPackageRetentionDays", $"must be 1 to RequestDataRetentionDays ({options.RequestDataRetentionDays}): the package is deleted with the request's data at the latest");
        }

        if (options.PublishedKeyUrl is { } keyUrl && !(Uri.TryCreate(keyUrl, UriKind.Absolute, out var keyUri) && (keyUri.Scheme == Uri.UriSchemeHttps || keyUri.IsLoopback)))
        {
            errors.Add("PublishedKeyUrl", "must be an absolute https URL (the app's /api/certificates/key), so subjects can fetch the key safely");
        }

        for (var i = 0; i < entities.Count; i++)
        {
            LegalEntityRules.Check(errors, $"LegalEntities[{i}]", entities[i]);
            if (entities[i]?.RestrictionReviewDays is < 1 or > 3650)
            {
                errors.Add($"LegalEntities[{i}].RestrictionReviewDays", "must be 1 to 3650 days (how long a restriction holds before the nightly report asks to review it), or absent");
            }

            if (entities[i]?.Reverification is { } reverification
                && (reverification.Days < 0 || reverification.Days > Math.Max(options.RequestDataRetentionDays, 0)))
            {
                errors.Add($"LegalEntities[{i}].Reverification.Days",
                    $"must be 0 (off) to RequestDataRetentionDays ({options.RequestDataRetentionDays}): re-verification needs the subject's identifiers, which are deleted after that");
            }
        }

        errors.Unique("LegalEntities", entities, e => e?.Id, "legal entity id");
        CheckOfficers(errors, options.Officers ?? [], entities);

        var rules = new Dictionary<string, RetentionRuleOptions>(StringComparer.Ordinal);
        for (var i = 0; i < retention.Count; i++)
        {
            CheckRetentionRule(errors, $"Retention[{i}]", retention[i]);
            if (retention[i]?.Name is { } name)
            {
                rules.TryAdd(name, retention[i]);
            }
        }

        errors.Unique("Retention", retention, r => r?.Name, "retention rule name");

        var entityIds = entities.Select(e => e?.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var jurisdictions = entities.Where(e => e?.Id is not null).DistinctBy(e => e.Id)
            .ToDictionary(e => e.Id!, e => e.RawJurisdiction, StringComparer.Ordinal);
        for (var i = 0; i < systems.Count; i++)
        {
            SystemRules.Check(errors, $"Systems[{i}]", systems[i], jurisdictions, rules, kinds);
        }

        errors.Unique("Systems", systems, s => s?.Id, "system id");
        return errors.Items;
    }

    private static void CheckRetentionRule(ValidationErrors errors, string path, RetentionRuleOptions? rule)
    {
        if (rule is null)
        {
            errors.Add(path, "is empty");
            return;
        }

        if (!PlainId.IsValid(rule.Name))
        {
            errors.Add($"{path}.Name", $"must be a plain name ({PlainId.Rule})");
        }

        // A rule may state criteria only ("as long as the agreement runs"): then it needs words, and it cannot keep data past an erasure request.
        if (RetentionRuleOptions.TryParsePeriod(rule.Period) is null && !(rule.Period is null && rule.Description is not null))
        {
            errors.Add($"{path}.Period", "must be a positive ISO-8601 period in years, months, weeks or days, e.g. 'P5Y' or 'P6M'");
        }

        if (!WireNames.TryParse<RetentionAnchor>(rule.RawAfter, out _) && !(rule.Period is null && rule.RawAfter is null))
        {
            errors.Add($"{path}.After", $"must be {WireNames.Describe<RetentionAnchor>()}");
        }

        if (rule.Exemption is { } exemption && exemption.AllTexts.Any(t => !SystemRules.CitesErasureExemption(t)))
        {
            errors.Add($"{path}.Exemption", "must cite GDPR Art. 17(3)(a)–(e) in every language, e.g. 'Art. 17(3)(b) (legal obligation)'");
        }

        if (rule.Jurisdiction is { } country && !WireNames.TryParse<Deadlines.Jurisdiction>(country, out _))
        {
            errors.Add($"{path}.Jurisdiction", $"must be {WireNames.Describe<Deadlines.Jurisdiction>()}");
        }
    }

    /// <summary>
    /// Each officer identity is a plain id with a GUID object id, both unique. When the section is given, every officer
    /// an entity names must be in it: an officer without an identity could never sign in.
    /// </summary>
    private static void CheckOfficers(ValidationErrors errors, IReadOnlyList<OfficerOptions> officers, IReadOnlyList<LegalEntityOptions> entities)
    {
        for (var i = 0; i < officers.Count; i++)
        {
            var officer = officers[i];
            if (officer is null)
            {
                errors.Add($"Officers[{i}]", "is empty");
                continue;
            }

            if (!PlainId.IsValid(officer.Id) || PersonalDataGuard.LooksLikeEmail(officer.Id))
            {
                errors.Add($"Officers[{i}].Id", $"must be a plain officer id ({PlainId.Rule})");
            }

            if (!Guid.TryParse(officer.ObjectId, out _))
            {
                errors.Add($"Officers[{i}].ObjectId", "must be the Entra ID object id (a GUID) of the officer's account");
            }
        }

        errors.Unique("Officers", officers, o => o?.Id, "officer id");
        errors.Unique("Officers", officers, o => Guid.TryParse(o?.ObjectId, out var id) ? id.ToString() : null, "object id");
        if (officers.Count == 0)
        {
            return;
        }

        var known = officers.Select(o => o?.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < entities.Count; e++)
        {
            var named = entities[e]?.Officers ?? [];
            for (var i = 0; i < named.Count; i++)
            {
                if (!known.Contains(named[i]))
                {
                    errors.Add($"LegalEntities[{e}].Officers[{i}]", $"'{named[i]}' has no entry in Officers (its Entra ID object id), so it could never sign in");
                }
            }
        }
    }
}
