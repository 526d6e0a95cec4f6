using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using static PrivacySync.Tests.Core.Assembly.SubjectDocuments;

namespace PrivacySync.Tests.Core.Assembly;

/// <summary>What the subject is told comes from the configuration; the connector's texts only where it is silent.</summary>
public sealed class SubjectFactsTests
{
    [Fact]
    public async Task ConfiguredCategoriesReplaceTheConnectorsDefaultsInThePackage()
    {
        var package = await AccessPackageAsync(Sample(), "nordvik-no", "nb");
        var manifest = ExportTestData.Parse<JObject>(package["manifest.json"]);
        var deals = manifest["systems"]![0]!["categories"]!.Single(c => (string?)c["name"] == "deals")!;

        Assert.Equal("Ordrer og kjøpshistorikk", (string?)deals["label"]);
        Assert.Equal("Tilbud, ordrer, leveranser og fakturering", (string?)deals["purpose"]);
        Assert.Equal("Art. 6(1)(b) (avtale) og art. 6(1)(c) (bokføringsloven)", (string?)deals["legalBasis"]);
        Assert.Equal("Fra avtalene våre med deg eller arbeidsgiveren din", (string?)deals["source"]);
        Assert.Equal("bookkeeping-no", (string?)deals["retention"]!["rule"]);
        Assert.Equal("fem år etter utgangen av regnskapsåret", (string?)deals["retention"]!["text"]);
        Assert.Equal(1L, (long)deals["recordsPastRetention"]!);
        var hubspot = deals["recipients"]!.Single();
        Assert.Equal(("HubSpot, Inc.", "US", true), ((string?)hubspot["name"], (string?)hubspot["country"], (bool)hubspot["outsideEea"]!));
        Assert.Equal("EUs standard personvernbestemmelser (art. 46 nr. 2 bokstav c)", (string?)hubspot["safeguard"]);
        Assert.Equal("Datatilsynet", (string?)manifest["controller"]!["supervisoryAuthority"]!["name"]);
        Assert.Equal("personvern@example.com", (string?)manifest["controller"]!["privacyContact"]);
        Assert.Equal(6, manifest["rights"]!.Count());

        var summary = package["summary.html"];
        Assert.DoesNotContain("Connector purpose", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("companie 1001", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("performance of a contract", summary, StringComparison.Ordinal);
        var texts = TextsOf(summary);
        Assert.Contains("Lagringstiden er ute for 1 av disse postene; vi sletter dem.", texts);
        Assert.Contains("Vi treffer ingen automatiserte avgjørelser, heller ikke profilering, med disse opplysningene.", texts);
    }

    [Fact]
    public async Task RecordsReadWithDecodedCodesAndLabelsAndWithoutInternalIds()
    {
        var package = await AccessPackageAsync(Sample(), "nordvik-no", "nb");
        var texts = TextsOf(package["summary.html"]);

        Assert.Contains("Presentasjon avtalt", texts);
        Assert.Contains("Fase", texts);
        Assert.Contains("Avtale", texts);
        Assert.DoesNotContain("presentationscheduled", texts);
        Assert.DoesNotContain("1001", texts);
        Assert.All(package.Where(e => e.Key.StartsWith("systems/", StringComparison.Ordinal)), e => Assert.DoesNotContain("HubSpot id", e.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACategoryTheConfigurationDoesNotCoverKeepsTheConnectorsTextAndSaysSo()
    {
        var options = Sample();
        options = options with
        {
            Systems = options.Systems.Select(s => s.Id != "hubspot-nordvik" ? s : s with { Categories = s.Categories.Where(c => c.Name != "deals-and-purchase-history").ToList() }).ToList(),
        };

        var package = await AccessPackageAsync(options, "nordvik-no", "en");
        var deals = ExportTestData.Parse<JObject>(package["manifest.json"])["systems"]![0]!["categories"]!.Single(c => (string?)c["name"] == "deals")!;

        Assert.False((bool)deals["configured"]!);
        Assert.Equal("Connector purpose", (string?)deals["purpose"]);
        Assert.Contains("Described by the system itself; not yet in our records of processing.", package["summary.html"], StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingTheConfiguredCategoryChangesWhatTheCertificateSays()
    {
        var options = Sample();
        var changed = options with
        {
            Systems = options.Systems.Select(s => s.Id != "hubspot-nordvik" ? s : s with
            {
                Categories = s.Categories.Select(c => c.Name != "deals-and-purchase-history" ? c : c with
                {
                    DisplayName = new LocalizedText("Quotes"),
                    RetentionRules = new Dictionary<string, string> { ["NO"] = "claims-handelshuset", ["SE"] = "bookkeeping-se" },
                }).ToList(),
            }).ToList(),
        };

        var before = Stated(Certificate(options, "nordvik-no", "en"), "hubspot-nordvik", "deals-and-purchase-history");
        var after = Stated(Certificate(changed, "nordvik-no", "en"), "hubspot-nordvik", "deals-and-purchase-history");

        Assert.Equal("Art. 17(3)(b) (legal obligation to keep accounting records): Bokføringsloven § 13", before.LegalBasis);
        Assert.Equal(new DateOnly(2031, 12, 31), before.RetainedUntil);
        Assert.Equal(
            "Your data in the category “Orders and purchase history” in HubSpot (our customer and marketing register) is retained until 31 December 2031 under Art. 17(3)(b) (legal obligation to keep accounting records): Bokføringsloven § 13, and will be erased then.",
            before.Statement);
        Assert.Equal("Art. 17(3)(e) (establishment, exercise or defence of legal claims): Foreldelsesloven § 2", after.LegalBasis);
        Assert.Null(after.RetainedUntil); // three years after a delivery the connector did not date: open-ended, never a made-up date
        Assert.StartsWith("Your data in the category “Quotes”", after.Statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nordvik-no", "nb", "bookkeeping-no", 2031, "Bokføringsloven § 13")]
    [InlineData("nordvik-se", "sv", "bookkeeping-se", 2033, "Bokföringslagen (1999:1078) 7 kap. 2 §")]
    public void EachCountrysCertificateCitesItsOwnLaw(string entity, string language, string rule, int year, string law)
    {
        var deals = Stated(Certificate(Sample(), entity, language), "hubspot-nordvik", "deals-and-purchase-history");

        Assert.Equal(rule, deals.RetentionRule);
        Assert.Equal(new DateOnly(year, 12, 31), deals.RetainedUntil);
        Assert.EndsWith(law, deals.LegalBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void RetainedHrDataCitesTheConfiguredGroundNotTheConnectorsText()
    {
        var payroll = Stated(Certificate(Sample(), "nordvik-no", "en"), "hr-db-no", "payroll");

        // Payroll and bank details are one configured category: counted together, the latest end kept.
        Assert.Equal(25, payroll.RecordCount);
        Assert.Equal(new DateOnly(2031, 12, 31), payroll.RetainedUntil);
        Assert.Equal("Art. 17(3)(b) (legal obligation to keep accounting records): Bokføringsloven § 13", payroll.LegalBasis);
        Assert.Equal(["Payroll", "Bank details"], payroll.ConnectorCategories!);
    }

    [Theory]
    [InlineData("en", "no longer be linked")]
    [InlineData("nb", "ikke lenger knyttes")]
    [InlineData("sv", "inte längre kopplas")]
    public void PseudonymisationIsNeverCalledAnonymisation(string language, string anonymousClaim)
    {
        var contact = Certificate(Sample(), EntityFor(language), language).Statement.Systems.Single(s => s.SystemId == "hr-db-no")
            .Categories.Single(c => c.Category == "employment-records" && c.Outcome == OutcomeKind.Pseudonymised);

        Assert.DoesNotContain(anonymousClaim, contact.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateCarriesTheCaveatsInTheSubjectsLanguage()
    {
        var json = Certificate(Sample(), "nordvik-no", "nb").ToJson();
        var caveats = json["systems"]![0]!["caveats"]!.Values<string>().ToList();

        Assert.Contains(caveats, c => c!.Contains("sperreliste", StringComparison.Ordinal));
        Assert.Contains(caveats, c => c!.Contains("sikkerhetskopiene", StringComparison.Ordinal));
    }

    private static StatedCategory Stated(DeletionCertificate certificate, string systemId, string category) =>
        certificate.Statement.Systems.Single(s => s.SystemId == systemId).Categories.Single(c => c.Category == category);
}
