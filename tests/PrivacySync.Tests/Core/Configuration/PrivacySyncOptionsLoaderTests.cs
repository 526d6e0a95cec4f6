using PrivacySync.Core.Configuration;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;

namespace PrivacySync.Tests.Core.Configuration;

public sealed class PrivacySyncOptionsLoaderTests
{
    private const string Minimal = """
        {
          "LegalEntities": [ {
            "Id": "acme-no", "Name": "Acme AS", "Jurisdiction": "NO", "DefaultLanguage": "nb",
            "SupervisoryAuthority": { "Name": "Datatilsynet", "Url": "https://www.datatilsynet.no" },
            "PrivacyContact": "privacy@example.com", "Officers": [ "anna.berg" ] } ],
          "Systems": [ {
            "Id": "crm", "Kind": "hubspot", "DisplayName": "CRM", "EnabledRequestTypes": [ "access", "objection" ],
            "Endpoint": "https://api.hubapi.com", "CredentialReference": "HUBSPOT_TOKEN", "Queue": "onprem",
            "Categories": [ { "Name": "contact", "Purpose": "Customers", "LegalBasis": "Art. 6(1)(b)", "ErasureAction": "delete" } ] } ],
          "Retention": [],
          "RequestDataRetentionDays": 30
        }
        """;

    [Fact]
    public void ValidDocumentBindsTypedSettings()
    {
        var result = PrivacySyncOptionsLoader.Parse(Minimal);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var system = result.Options.Systems[0];
        Assert.Equal(TaskQueue.OnPrem, system.Queue);
        Assert.Equal([RequestType.Access, RequestType.Objection], system.EnabledRequestTypes);
        Assert.Equal(ErasureAction.Delete, system.Categories[0].ErasureAction);
        Assert.Equal(Language.NorwegianBokmal, result.Options.LegalEntities[0].DefaultLanguage);
        Assert.Equal(30, result.Options.RequestDataRetentionDays);
    }

    [Fact]
    public void MisspelledSettingIsReportedRatherThanIgnored()
    {
        var result = PrivacySyncOptionsLoader.Parse(Minimal.Replace("\"Queue\"", "\"Queu\"", StringComparison.Ordinal));

        Assert.Equal(["Systems[0].Queu: unknown setting", "Systems[0].Queue: must be 'cloud' or 'onprem'"], result.Errors);
    }

    [Fact]
    public void ValueOfTheWrongJsonTypeIsReportedWithItsPath()
    {
        var result = PrivacySyncOptionsLoader.Parse(Minimal.Replace("[ \"anna.berg\" ]", "\"anna.berg\"", StringComparison.Ordinal));

        Assert.Equal(
            ["LegalEntities[0].Officers: must be a list", "LegalEntities[0].Officers: at least one officer is required to submit and decide requests"],
            result.Errors);
    }

    [Theory]
    [InlineData("\"RequestDataRetentionDays\": 30", "\"RequestDataRetentionDays\": \"a month\"", "RequestDataRetentionDays: must be a whole number")]
    [InlineData("\"Officers\"", "\"ErasureRequiresSecondApproval\": \"yes\", \"Officers\"", "LegalEntities[0].ErasureRequiresSecondApproval: must be true or false")]
    [InlineData("\"Name\": \"Datatilsynet\"", "\"Name\": [ \"Datatilsynet\" ]", "LegalEntities[0].SupervisoryAuthority.Name: must be a text")]
    public void WrongKindOfValueSaysWhatTheSettingShouldHold(string original, string replacement, string expected)
    {
        var result = PrivacySyncOptionsLoader.Parse(Minimal.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Contains(expected, result.Errors);
    }

    [Fact]
    public void BrokenJsonIsOneErrorWithItsLine()
    {
        var result = PrivacySyncOptionsLoader.Parse("{ \"LegalEntities\": [ { \"Id\": \"a\", } ");

        Assert.Null(result.Options);
        var error = Assert.Single(result.Errors);
        Assert.Contains("invalid JSON at line 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAfterTheDocumentIsAnError()
    {
        var result = PrivacySyncOptionsLoader.Parse(Minimal + " {}");

        Assert.Null(result.Options);
        Assert.Contains("invalid JSON", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsAreAllowed() =>
        Assert.True(PrivacySyncOptionsLoader.Parse("// privacy office settings\n" + Minimal + "\n// end").IsValid);

    [Fact]
    public void DocumentThatIsNotAnObjectIsReported()
    {
        var result = PrivacySyncOptionsLoader.Parse("[ 1, 2 ]");

        Assert.False(result.IsValid);
        Assert.Equal(["(root): must be a JSON object"], result.Errors);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyDocumentIsAnError(string json)
    {
        var result = PrivacySyncOptionsLoader.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(["(root): the document is empty"], result.Errors);
    }
}
