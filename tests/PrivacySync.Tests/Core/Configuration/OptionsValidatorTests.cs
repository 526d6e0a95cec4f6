using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Connectors;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Configuration;

public sealed class OptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(PrivacySyncOptions options) => InstalledKinds.Errors(options);

    [Fact]
    public void BaselineConfigurationIsValid() => Assert.Empty(Errors(TestOptions.Valid()));

    [Fact]
    public void QueueOtherThanCloudOrOnPremIsNamedByPath()
    {
        var errors = Errors(TestOptions.Valid().WithSystem(1, s => s with { RawQueue = "onsite" }));

        Assert.Equal(["Systems[1].Queue: must be 'cloud' or 'onprem'"], errors);
    }

    [Fact]
    public void MissingQueueIsReported() =>
        Assert.Equal(["Systems[0].Queue: must be 'cloud' or 'onprem'"], Errors(TestOptions.Valid().WithSystem(0, s => s with { RawQueue = null })));

    [Fact]
    public void UnknownRequestTypeIsNamedWithTheAllowedOnes()
    {
        var errors = Errors(TestOptions.Valid().WithSystem(0, s => s with { RawEnabledRequestTypes = ["access", "portability"] }));

        Assert.Equal(["Systems[0].EnabledRequestTypes[1]: unknown request type 'portability'; must be 'access', 'erasure', 'objection', 'rectification' or 'restriction'"], errors);
    }

    [Fact]
    public void DuplicateSystemIdsAreReported()
    {
        var errors = Errors(TestOptions.Valid().WithSystem(1, s => s with { Id = "crm" }));

        Assert.Equal(["Systems[1]: duplicate system id 'crm' (also Systems[0])"], errors);
    }

    [Fact]
    public void DuplicateLegalEntityIdsAreReported()
    {
        var errors = Errors(TestOptions.Valid().WithEntity(1, e => e with { Id = "acme-no" }));

        Assert.Equal(["LegalEntities[1]: duplicate legal entity id 'acme-no' (also LegalEntities[0])"], errors);
    }

    [Fact]
    public void SystemServingAnUnknownEntityIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithSystem(1, s => s with { Entities = ["acme-no", "acme-dk"] }));

        Assert.Equal(["Systems[1].Entities[1]: unknown legal entity 'acme-dk'"], errors);
    }

    [Fact]
    public void CategoryNamingAnUnknownRetentionRuleIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithCategory(1, 0, c => c with { RetentionRule = "bookkeeping-dk" }));

        Assert.Equal(["Systems[1].Categories[0].RetentionRule: unknown retention rule 'bookkeeping-dk'"], errors);
    }

    [Fact]
    public void RetainedCategoryNeedsARetentionRule()
    {
        var errors = Errors(TestOptions.Valid().WithCategory(1, 0, c => c with { RetentionRule = null }));

        Assert.Equal(["Systems[1].Categories[0].RetentionRule: required when ErasureAction is 'retain' (the subject is told until when and why)"], errors);
    }

    [Fact]
    public void SpecialCategoryDataNeedsARetentionRule()
    {
        var errors = Errors(TestOptions.Valid().WithCategory(0, 0, c => c with { LegalBasis = "Art. 6(1)(c) and Art. 9(2)(b)" }));

        Assert.Equal(["Systems[0].Categories[0].RetentionRule: required for special-category data (Art. 9): name its own, shortest rule"], errors);
    }

    [Theory]
    [InlineData("contract")]
    [InlineData("Art. 6(1)(g)")]
    [InlineData("")]
    public void LegalBasisMustCiteAGdprArticle(string basis)
    {
        var errors = Errors(TestOptions.Valid().WithCategory(0, 0, c => c with { LegalBasis = basis }));

        Assert.Equal(["Systems[0].Categories[0].LegalBasis: must cite GDPR Art. 6(1)(a)–(f) or Art. 9(2)(a)–(j) in every language, e.g. 'Art. 6(1)(b)'"], errors);
    }

    [Fact]
    public void UnknownErasureActionIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithCategory(0, 0, c => c with { RawErasureAction = "shred" }));

        Assert.Equal(["Systems[0].Categories[0].ErasureAction: must be 'delete', 'anonymise' or 'retain'"], errors);
    }

    [Fact]
    public void DuplicateCategoryNamesInOneSystemAreReported()
    {
        var options = TestOptions.Valid().WithSystem(0, s => s with { Categories = [s.Categories[0], s.Categories[0]] });

        Assert.Equal(["Systems[0].Categories[1]: duplicate category name 'contact' (also Systems[0].Categories[0])"], Errors(options));
    }

    [Fact]
    public void EmptyOfficerListIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithEntity(0, e => e with { Officers = [] }));

        Assert.Equal(["LegalEntities[0].Officers: at least one officer is required to submit and decide requests"], errors);
    }

    [Fact]
    public void OfficerIdThatIsAnEmailAddressIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithEntity(0, e => e with { Officers = ["anna.berg", "lars.haugen@example.com"] }));

        Assert.Equal(["LegalEntities[0].Officers[1]: must be an officer id, not an email address (officer ids are written to the audit trail)"], errors);
    }

    [Fact]
    public void DuplicateOfficerIsReported()
    {
        var errors = Errors(TestOptions.Valid().WithEntity(0, e => e with { Officers = ["anna.berg", "anna.berg"] }));

        Assert.Equal(["LegalEntities[0].Officers[1]: duplicate officer id 'anna.berg' (also LegalEntities[0].Officers[0])"], errors);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Privacy Office <privacy@example.com>")]
    [InlineData("privacy@localhost")]
    [InlineData(null)]
    public void PrivacyContactMustBeAPlainEmailAddress(string? contact)
    {
        var errors = Errors(TestOptions.Valid().WithEntity(0, e => e with { PrivacyContact = contact }));

        Assert.Equal(["LegalEntities[0].PrivacyContact: must be a plain email address such as 'privacy@example.com'"], errors);
    }

    [Theory]
    [InlineData("DK", "LegalEntities[0].Jurisdiction: must be 'NO', 'SE' or 'OtherEu'")]
    [InlineData(null, "LegalEntities[0].Jurisdiction: must be 'NO', 'SE' or 'OtherEu'")]
    public void UnknownJurisdictionIsReported(string? jurisdiction, string expected) =>
        Assert.Equal([expected], Errors(TestOptions.Valid().WithEntity(0, e => e with { RawJurisdiction = jurisdiction })));

    [Fact]
    public void UnknownLanguageIsReported() =>
        Assert.Equal(
            ["LegalEntities[1].DefaultLanguage: must be 'nb', 'sv' or 'en'"],
            Errors(TestOptions.Valid().WithEntity(1, e => e with { RawDefaultLanguage = "de" })));

    [Fact]
    public void SupervisoryAuthorityNeedsAnHttpsUrl() =>
        Assert.Equal(
            ["LegalEntities[0].SupervisoryAuthority.Url: must be an absolute https URL"],
            Errors(TestOptions.Valid().WithEntity(0, e => e with { SupervisoryAuthority = e.SupervisoryAuthority! with { Url = "http://authority.example.com" } })));

    [Fact]
    public void BlankProcessorControllerIsReported() =>
        Assert.Equal(
            ["LegalEntities[2].ActsAsProcessorFor: must name the controller, or be omitted when the entity is the controller"],
            Errors(TestOptions.Valid().WithEntity(2, e => e with { ActsAsProcessorFor = " " })));

    [Fact]
    public void EntityIdMustBeAPlainId() =>
        Assert.Contains(
            "LegalEntities[0].Id: must be a plain id (" + PlainId.Rule + ")",
            Errors(TestOptions.Valid().WithEntity(0, e => e with { Id = "Acme/NO" })));

    [Fact]
    public void UnknownSystemKindIsReported() =>
        Assert.Equal(
            ["Systems[0].Kind: must be one of 'hubspot', 'microsoft365', 'hr-sql', 'hr-rest'"],
            Errors(TestOptions.Valid().WithSystem(0, s => s with { Kind = "salesforce" })));

    [Fact]
    public void EndpointMustBeAnAbsoluteUri() =>
        Assert.Equal(
            ["Systems[0].Endpoint: must be an absolute URI"],
            Errors(TestOptions.Valid().WithSystem(0, s => s with { Endpoint = "api.hubapi.com" })));

    [Theory]
    [InlineData("pat-na1-11111111-2222-3333-4444-555555555555 ")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==")]
    [InlineData("Bearer abc")]
    public void CredentialReferenceMustBeANameNotASecret(string credential) =>
        Assert.Equal(
            ["Systems[0].CredentialReference: must be the name of an app setting or secret (letters, digits, '_', '-', '.', ':'), never the credential itself"],
            Errors(TestOptions.Valid().WithSystem(0, s => s with { CredentialReference = credential })));

    [Fact]
    public void SystemWithoutCategoriesIsReported() =>
        Assert.Equal(
            ["Systems[0].Categories: at least one data category is required so results can state purpose and legal basis"],
            Errors(TestOptions.Valid().WithSystem(0, s => s with { Categories = [] })));

    [Theory]
    [InlineData("5 years")]
    [InlineData("P0Y")]
    [InlineData("PT5H")]
    [InlineData("-P1Y")]
    [InlineData(null)]
    public void RetentionPeriodMustBeAPositiveIsoPeriod(string? period) =>
        Assert.Equal(
            [
                "Retention[0].Period: must be a positive ISO-8601 period in years, months, weeks or days, e.g. 'P5Y' or 'P6M'",
                "Systems[1].Categories[0].RetentionRule: rule 'bookkeeping-no' has no Period: data kept despite an erasure request needs an end date",
            ],
            Errors(TestOptions.Valid().WithRule(0, r => r with { Period = period })).Order(StringComparer.Ordinal));

    [Fact]
    public void RetentionAnchorMustBeKnown() =>
        Assert.Equal(
            ["Retention[0].After: must be 'fiscal-year-end', 'agreement-end', 'employment-end', 'last-delivery', 'last-activity' or 'collection'"],
            Errors(TestOptions.Valid().WithRule(0, r => r with { RawAfter = "contract" })));

    [Fact]
    public void DuplicateRetentionRuleIsReported()
    {
        var options = TestOptions.Valid() with { Retention = [.. TestOptions.Valid().Retention, TestOptions.Valid().Retention[0]] };

        Assert.Equal(["Retention[1]: duplicate retention rule name 'bookkeeping-no' (also Retention[0])"], Errors(options));
    }

    [Fact]
    public void RequestDataRetentionMustBePositive() =>
        Assert.Equal(
            ["RequestDataRetentionDays: must be at least 1 (days a request's subject identifiers are kept after completion)"],
            Errors(TestOptions.Valid() with { RequestDataRetentionDays = 0 }));

    [Fact]
    public void ConfigurationWithoutEntitiesIsReported()
    {
        var options = TestOptions.Valid() with { LegalEntities = [] };

        Assert.Contains("LegalEntities: at least one legal entity is required", Errors(options));
        Assert.Contains("Systems[1].Entities[0]: unknown legal entity 'acme-no'", Errors(options));
    }

    [Fact]
    public void SeveralProblemsAreAllReported()
    {
        var options = TestOptions.Valid()
            .WithSystem(0, s => s with { RawQueue = "x", Kind = "y" })
            .WithEntity(1, e => e with { Officers = [] });

        Assert.Equal(3, Errors(options).Count);
    }
}
