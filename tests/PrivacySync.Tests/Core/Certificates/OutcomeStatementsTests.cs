using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class OutcomeStatementsTests
{
    private static readonly CategoryOutcome Retained = CategoryOutcome.Retained("invoices", 12, "Bokføringsloven § 13", new DateOnly(2031, 12, 31));

    [Theory]
    [InlineData("nb", "Opplysningene dine i kategorien «invoices» i Finance oppbevares til 31. desember 2031 med hjemmel i Bokføringsloven § 13, og slettes deretter.")]
    [InlineData("sv", "Dina uppgifter i kategorin ”invoices” i Finance sparas till och med 31 december 2031 med stöd av Bokføringsloven § 13 och raderas därefter.")]
    [InlineData("en", "Your data in the category “invoices” in Finance is retained until 31 December 2031 under Bokføringsloven § 13, and will be erased then.")]
    public void RetainedNamesTheDateAndLegalBasis(string language, string expected)
    {
        Assert.Equal(expected, OutcomeStatements.Describe(Retained, "Finance", language));
    }

    [Theory]
    [InlineData("nb", "Vi har ingen opplysninger om deg i kategorien «deals» i HubSpot.")]
    [InlineData("sv", "Vi har inga uppgifter om dig i kategorin ”deals” i HubSpot.")]
    [InlineData("en", "We hold no data about you in the category “deals” in HubSpot.")]
    public void NotFoundIsLocalised(string language, string expected)
    {
        Assert.Equal(expected, OutcomeStatements.Describe(CategoryOutcome.NotFound("deals"), "HubSpot", language));
    }

    [Theory]
    [InlineData("nb", "Du er meldt av direkte markedsføring («newsletter») i HubSpot.")]
    [InlineData("sv", "Du har avregistrerats från direktmarknadsföring (”newsletter”) i HubSpot.")]
    [InlineData("en", "You have been unsubscribed from direct marketing (“newsletter”) in HubSpot.")]
    public void UnsubscribedIsLocalised(string language, string expected)
    {
        Assert.Equal(expected, OutcomeStatements.Describe(new CategoryOutcome("newsletter", OutcomeKind.Unsubscribed), "HubSpot", language));
    }

    [Fact]
    public void EveryOutcomeHasADistinctSentenceInEveryLanguage()
    {
        foreach (var language in new[] { "nb", "sv", "en" })
        {
            var sentences = Enum.GetValues<OutcomeKind>()
                .Select(kind => OutcomeStatements.Describe(new CategoryOutcome("contacts", kind, LegalBasis: "law", RetainedUntil: new DateOnly(2030, 1, 1)), "HubSpot", language))
                .ToList();

            Assert.All(sentences, s => Assert.Contains("HubSpot", s, StringComparison.Ordinal));
            Assert.All(sentences, s => Assert.Contains("contacts", s, StringComparison.Ordinal));
            Assert.Equal(sentences.Count, sentences.Distinct().Count());
        }
    }

    [Fact]
    public void FailureSentenceLeavesTheTechnicalReasonOut()
    {
        var sentence = OutcomeStatements.Describe(CategoryOutcome.Failed("deals", "HTTP 500 from api.hubapi.com"), "HubSpot", "en");

        Assert.Equal("We could not yet complete your request for the category “deals” in HubSpot; we are following this up.", sentence);
    }

    [Theory]
    [InlineData("nb-NO", "Opplysningene dine")]
    [InlineData("no", "Opplysningene dine")]
    [InlineData("sv-SE", "Dina uppgifter")]
    [InlineData("de", "Your data")]
    [InlineData(null, "Your data")]
    public void LanguageTagsFallBackSensibly(string? language, string expectedStart)
    {
        Assert.StartsWith(expectedStart, OutcomeStatements.Describe(new CategoryOutcome("contacts", OutcomeKind.Erased), "HubSpot", language), StringComparison.Ordinal);
    }

    [Fact]
    public void RetainedWithoutEndDateSaysForAsLongAsRequired()
    {
        var sentence = OutcomeStatements.Describe(CategoryOutcome.Retained("payroll", 3, "Skatteforvaltningsloven", null), "HR", "en");

        Assert.Equal("Your data in the category “payroll” in HR is retained under Skatteforvaltningsloven for as long as that requires.", sentence);
    }
}
