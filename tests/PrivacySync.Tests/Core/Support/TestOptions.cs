using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;

namespace PrivacySync.Tests.Core.Support;

/// <summary>A small valid configuration built in code, and helpers to break one setting at a time.</summary>
internal static class TestOptions
{
    public static PrivacySyncOptions Valid() => new()
    {
        LegalEntities =
        [
            Entity("acme-no", "Acme Norge AS", Jurisdiction.NO, Language.NorwegianBokmal, fourEyes: true, "anna.berg", "lars.haugen"),
            Entity("acme-se", "Acme Sverige AB", Jurisdiction.SE, Language.Swedish, fourEyes: false, "karin.lind"),
            Entity("fjord", "Fjord Mobil AS", Jurisdiction.NO, Language.English, fourEyes: false, "ola.nilsen") with
            {
                ActsAsProcessorFor = "the employer",
            },
        ],
        Systems =
        [
            new SystemOptions
            {
                Id = "crm",
                Kind = "hubspot",
                DisplayName = "CRM",
                EnabledRequestTypes = [RequestType.Access, RequestType.Erasure, RequestType.Objection],
                Endpoint = "https://api.hubapi.com",
                CredentialReference = "HUBSPOT_TOKEN",
                Queue = TaskQueue.Cloud,
                Categories =
                [
                    new CategoryOptions { Name = "contact", Purpose = "Customer relationship", LegalBasis = "Art. 6(1)(b)", ErasureAction = ErasureAction.Delete },
                ],
            },
            new SystemOptions
            {
                Id = "hr",
                Kind = "hr-sql",
                DisplayName = "HR database",
                EnabledRequestTypes = [RequestType.Access, RequestType.Erasure],
                Endpoint = "postgresql://hr.internal.example.com/hr",
                CredentialReference = "HR_DB",
                Queue = TaskQueue.OnPrem,
                Connector = new JObject { ["Provider"] = "postgresql", ["Mapping"] = "hr.mapping.json" },
                Entities = ["acme-no"],
                Categories =
                [
                    new CategoryOptions
                    {
                        Name = "payroll",
                        Purpose = "Salary",
                        LegalBasis = "Art. 6(1)(c)",
                        ErasureAction = ErasureAction.Retain,
                        RetentionRule = "bookkeeping-no",
                    },
                ],
            },
        ],
        Retention =
        [
            new RetentionRuleOptions { Name = "bookkeeping-no", Period = "P5Y", After = RetentionAnchor.FiscalYearEnd, Exemption = "Art. 17(3)(b) (legal obligation)" },
        ],
        RequestDataRetentionDays = 90,
    };

    public static LegalEntityOptions Entity(
        string id, string name, Jurisdiction jurisdiction, Language language, bool fourEyes, params string[] officers) => new()
        {
            Id = id,
            Name = name,
            Jurisdiction = jurisdiction,
            DefaultLanguage = language,
            SupervisoryAuthority = new SupervisoryAuthorityOptions { Name = "Authority", Url = "https://authority.example.com" },
            PrivacyContact = "privacy@example.com",
            ErasureRequiresSecondApproval = fourEyes,
            Officers = officers,
        };

    public static PrivacySyncOptions WithEntity(this PrivacySyncOptions options, int index, Func<LegalEntityOptions, LegalEntityOptions> change) =>
        options with { LegalEntities = Replace(options.LegalEntities, index, change) };

    public static PrivacySyncOptions WithSystem(this PrivacySyncOptions options, int index, Func<SystemOptions, SystemOptions> change) =>
        options with { Systems = Replace(options.Systems, index, change) };

    public static PrivacySyncOptions WithCategory(
        this PrivacySyncOptions options, int system, int category, Func<CategoryOptions, CategoryOptions> change) =>
        options.WithSystem(system, s => s with { Categories = Replace(s.Categories, category, change) });

    public static PrivacySyncOptions WithRule(this PrivacySyncOptions options, int index, Func<RetentionRuleOptions, RetentionRuleOptions> change) =>
        options with { Retention = Replace(options.Retention, index, change) };

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, Func<T, T> change) =>
        items.Select((item, i) => i == index ? change(item) : item).ToList();
}
