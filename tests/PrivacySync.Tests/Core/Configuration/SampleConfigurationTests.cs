using System.Text.RegularExpressions;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Connectors;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Configuration;

public sealed partial class SampleConfigurationTests
{
    private static readonly string SamplePath = RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json");

    private static PrivacySyncOptions Sample()
    {
        var result = PrivacySyncOptionsLoader.Parse(File.ReadAllText(SamplePath), InstalledKinds.All);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Options;
    }

    [Fact]
    public void SampleLoadsWithoutErrors() => Assert.Empty(PrivacySyncOptionsLoader.Parse(File.ReadAllText(SamplePath), InstalledKinds.All).Errors);

    [Fact]
    public void SampleModelsTheNorwegianAndSwedishEntitiesAndTheProcessor()
    {
        var options = Sample();

        var no = options.FindEntity("nordvik-no")!;
        Assert.Equal((Jurisdiction.NO, Language.NorwegianBokmal, "Datatilsynet"), (no.Jurisdiction, no.DefaultLanguage, no.SupervisoryAuthority!.Name));
        var se = options.FindEntity("nordvik-se")!;
        Assert.Equal((Jurisdiction.SE, Language.Swedish), (se.Jurisdiction, se.DefaultLanguage));
        Assert.Contains("IMY", se.SupervisoryAuthority!.Name, StringComparison.Ordinal);
        Assert.True(options.FindEntity("fjordmobil")!.IsProcessor);
        Assert.False(options.FindEntity("handelshuset-vest")!.IsProcessor);
    }

    [Fact]
    public void SamplePlansErasureForNordvikNorwayAcrossCrmMailAndTheOnPremisesHrDatabase()
    {
        var systems = Sample().ResolveSystems("nordvik-no", RequestType.Erasure);

        Assert.Equal(["hubspot-nordvik", "microsoft365-nordvik", "hr-db-no"], systems.Select(s => s.Id));
        Assert.Equal(TaskQueue.OnPrem, systems.Single(s => s.Id == "hr-db-no").Queue);
    }

    [Fact]
    public void SampleSendsObjectionsOnlyToTheMarketingCrm()
    {
        var options = Sample();

        Assert.Equal(["hubspot-nordvik"], options.ResolveSystems("nordvik-se", RequestType.Objection).Select(s => s.Id));
        Assert.Equal(["hubspot-handelshuset"], options.ResolveSystems("handelshuset-vest", RequestType.Objection).Select(s => s.Id));
    }

    [Fact]
    public void SampleRetainsBookkeepingFiveYearsInNorwayAndSevenInSweden()
    {
        var options = Sample();

        var no = options.FindRetentionRule(options.FindSystem("hr-db-no")!.FindCategory("payroll")!.RetentionRule!)!;
        var se = options.FindRetentionRule(options.FindSystem("hr-api-se")!.FindCategory("payroll")!.RetentionRule!)!;

        Assert.Equal(new DateOnly(2030, 12, 31), no.RetainUntil(new DateOnly(2025, 3, 10)));
        Assert.Equal(new DateOnly(2032, 12, 31), se.RetainUntil(new DateOnly(2025, 3, 10)));
    }

    [Fact]
    public void SampleUsesOnlyExampleDomainsAndPlainOfficerIds()
    {
        var text = File.ReadAllText(SamplePath);

        Assert.All(EmailAddress().Matches(text), m => Assert.EndsWith("@example.com", m.Value, StringComparison.Ordinal));
        Assert.All(Sample().LegalEntities.SelectMany(e => e.Officers), o => Assert.DoesNotContain("@", o, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"[\w.+-]+@[\w.-]+")]
    private static partial Regex EmailAddress();
}

public sealed class RectificationConfigurationTests
{
    private static readonly string SamplePath = RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json");

    [Fact]
    public void ASystemTakingRectificationMustDeclareItsFieldsEachInAConfiguredCategory()
    {
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(SamplePath));
        var crm = (Newtonsoft.Json.Linq.JObject)json["Systems"]![0]!;
        crm["Rectification"]![0]!["Category"] = "no-such-category";
        crm["Rectification"]![1]!["Field"] = "Job Title";
        ((Newtonsoft.Json.Linq.JObject)json["Systems"]![3]!)["Rectification"] = new Newtonsoft.Json.Linq.JArray();

        var errors = PrivacySyncOptionsLoader.Parse(json.ToString(), InstalledKinds.All).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.Contains("Systems[0].Rectification[0].Category", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Systems[0].Rectification[1].Field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Systems[3].Rectification", StringComparison.Ordinal) && e.Contains("at least one rectifiable field", StringComparison.Ordinal));
    }
}
