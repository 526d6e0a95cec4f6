using PrivacySync.Core.Assembly;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using static PrivacySync.Tests.Core.Assembly.SubjectDocuments;

namespace PrivacySync.Tests.Core.Assembly;

/// <summary>Golden structure of the subject's documents per language, built from the shipped sample configuration.</summary>
public sealed class LetterHtmlTests
{
    // Headings every document of the language must carry: title, rights or remedies, complaint, contact.
    public static TheoryData<string, string[], string[]> Sections => new()
    {
        {
            "nb",
            ["Svar på din forespørsel om innsyn i personopplysninger", "Dine rettigheter", "Hvis du ikke er fornøyd", "Kontakt"],
            ["Bekreftelse på din forespørsel om sletting", "Greit å vite", "Mottakere av opplysningene dine (art. 19)", "Hvis du ikke er fornøyd", "Slik kontrollerer du sertifikatet", "Kontakt"]
        },
        {
            "sv",
            ["Svar på din begäran om tillgång till dina personuppgifter", "Dina rättigheter", "Om du inte är nöjd", "Kontakt"],
            ["Bekräftelse av din begäran om radering", "Bra att veta", "Mottagare av dina uppgifter (artikel 19)", "Om du inte är nöjd", "Så kontrollerar du intyget", "Kontakt"]
        },
        {
            "en",
            ["Your request for access to your personal data", "Your rights", "If you are not satisfied", "Contact"],
            ["Confirmation of your request for erasure", "Good to know", "Recipients of your data (Art. 19)", "If you are not satisfied", "How to check the certificate", "Contact"]
        },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task EveryDocumentHasItsSectionsInTheRequestLanguage(string language, string[] accessSections, string[] erasureSections)
    {
        var options = Sample();
        var package = await AccessPackageAsync(options, EntityFor(language), language);
        var access = TextsOf(package["letter.html"]);
        var erasure = TextsOf(ErasureLetter(options, EntityFor(language), language));

        Assert.All(accessSections, s => Assert.Contains(s, access));
        Assert.All(erasureSections, s => Assert.Contains(s, erasure));
        Assert.All(new[] { package["letter.html"], package["summary.html"], ErasureLetter(options, EntityFor(language), language) }, html =>
        {
            Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
            Assert.Contains("@media print", html, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("nb", "sv")]
    [InlineData("sv", "nb")]
    public async Task NoEnglishTextReachesANorwegianOrSwedishDocument(string language, string other)
    {
        var options = Sample();
        var mine = await DocumentsAsync(options, language);
        var theirs = await DocumentsAsync(options, other, EntityFor(language));
        var english = await DocumentsAsync(options, "en", EntityFor(language));
        for (var i = 0; i < mine.Count; i++)
        {
            // What reads the same in English and here but differently in the third language is English that leaked in.
            Assert.Empty(english[i].Intersect(mine[i]).Except(theirs[i]));
            // What reads the same in all three must be a name, an address or a citation, never an English phrase.
            Assert.All(english[i].Intersect(mine[i]).Intersect(theirs[i]), text => Assert.DoesNotMatch(EnglishPhrase, " " + text.ToLowerInvariant() + " "));
        }
    }

    [Theory]
    [InlineData("nb", "31. desember 2031", "14. mars 2026")]
    [InlineData("sv", "31 december 2031", "14 mars 2026")]
    [InlineData("en", "31 December 2031", "14 March 2026")]
    public async Task DatesAppearInOneFormatOfTheLocale(string language, string retainedUntil, string completedOn)
    {
        var options = Sample();
        var erasure = ErasureLetter(options, EntityFor(language), language);
        var package = await AccessPackageAsync(options, EntityFor(language), language);

        Assert.Contains(retainedUntil, erasure, StringComparison.Ordinal);
        Assert.Contains(completedOn, erasure, StringComparison.Ordinal);
        Assert.All(new[] { erasure, package["letter.html"], package["summary.html"] }, html => Assert.Empty(NumericDates(html)));
    }

    [Fact]
    public void ErasureLetterStatesGroundsCaveatsRecipientsAndHowToVerify()
    {
        var options = Sample();
        var html = ErasureLetter(options, "nordvik-no", "nb");
        var texts = TextsOf(html);

        // Payroll is kept under the configured Norwegian rule, cited as an Art. 17(3) exemption with its law.
        Assert.Contains(texts, t => t.StartsWith("Lagres til 31. desember 2031: Art. 17(3)(b) (rettslig plikt til å oppbevare regnskapsmateriale): Bokføringsloven § 13", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("7 years", StringComparison.Ordinal) || t.Contains("Bokföringslagen", StringComparison.Ordinal));
        // Keyed pseudonymisation is said to be what it is.
        Assert.Contains("Pseudonymisert", texts);
        Assert.Contains(texts, t => t.StartsWith("Pseudonymisert betyr", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Anonymisert", StringComparison.Ordinal));
        // Caveats from the connector and the configured backups.
        Assert.Contains(texts, t => t.StartsWith("HubSpot (vårt kunde- og markedsføringsregister) beholder e-postadressen din på en sperreliste", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("innen 30 dager", StringComparison.Ordinal));
        // Art. 19 names the configured recipients of erased data; remedies name the authority.
        Assert.Contains(texts, t => t.Contains("HubSpot, Inc.", StringComparison.Ordinal) && t.Contains("underretter", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Datatilsynet", StringComparison.Ordinal) && t.Contains("art. 12 nr. 4", StringComparison.Ordinal));
        // The published key and a command anyone can run.
        Assert.Contains(texts, t => t.Contains(options.PublishedKeyUrl!, StringComparison.Ordinal) && t.Contains("privacysync verify certificate.json --key key.pem", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("kid-0123", StringComparison.Ordinal));
    }

    [Fact]
    public void RetentionThatEndedIsSaidToHaveEnded()
    {
        var html = ErasureLetter(Sample(), "nordvik-no", "en");

        // Bank details were kept until 31 January 2026; the erasure completed on 14 March 2026.
        Assert.Contains(TextsOf(html), t => t.StartsWith("Kept until 31 January 2026", StringComparison.Ordinal) && t.EndsWith("we will erase this data without undue delay.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileValuesAreEncodedInEveryDocument()
    {
        const string hostile = "<script>alert(\"x\")</script> 'q' \u202Egnp.exe";
        var options = Sample();
        options = options with
        {
            LegalEntities = options.LegalEntities.Select(e => e with { Name = "Nordvik " + hostile, ActsAsProcessorFor = e.Id == "nordvik-no" ? hostile : null }).ToList(),
            Systems = options.Systems.Select(s => s with
            {
                SubjectName = new LocalizedText(hostile),
                Categories = s.Categories.Select(c => c with { DisplayName = new LocalizedText(hostile), Source = new LocalizedText(hostile) }).ToList(),
            }).ToList(),
        };
        var package = await AccessPackageAsync(options, "nordvik-no", "nb");
        var results = ErasureResults().Select(r => r with { Categories = [.. r.Categories, new CategoryOutcome(hostile, OutcomeKind.Erased, 1)] }).ToList();
        var documents = new[] { package["letter.html"], package["summary.html"], ErasureLetter(options, "nordvik-no", "nb", results) };

        Assert.All(documents, html =>
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"x\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("'q'", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; [U+202E]gnp.exe", html, StringComparison.Ordinal);
        });
    }

    private static readonly System.Text.RegularExpressions.Regex EnglishPhrase =
        new(@" (the|and|your|you|with|data|kept|until|from|our|we|contract|consent|obligation|retained|erased|records?) ", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The texts of each document for one language: access letter, summary, erasure letter.</summary>
    private static async Task<List<IReadOnlySet<string>>> DocumentsAsync(PrivacySyncOptions options, string language, string? entityId = null)
    {
        var entity = entityId ?? EntityFor(language);
        var package = await AccessPackageAsync(options, entity, language);
        return [TextsOf(package["letter.html"]), TextsOf(package["summary.html"]), TextsOf(ErasureLetter(options, entity, language))];
    }
}
