using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Review;

namespace PrivacySync.Tests.Core.Review;

/// <summary>What a review decision does to a record on its way into the package.</summary>
public sealed class MailReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void RedactionReplacesEveryOccurrenceOfEachPassageLongestFirst()
    {
        var text = "Call Kari Nordmann on 987 65 432. Kari will know; Kari Nordmann is off.";

        var redacted = MailReview.Redact(text, ["Kari", "Kari Nordmann", "987 65 432"]);

        Assert.Equal("Call […] on […]. […] will know; […] is off.", redacted);
    }

    [Fact]
    public async Task EachReviewedTextReachesThePackageAsDecidedAndAnUndecidedOneIsWithheld()
    {
        ExportRecord Mail(string text) => new("mail", "p", "b", "s", null, new JObject { ["subject"] = "s", ["body"] = text }, ReviewField: "body");
        var records = new[]
        {
            Mail("kept as it is"),
            new ExportRecord("profile", "p", "b", "s", null, new JObject { ["body"] = "not a reviewed field here" }),
            Mail("secret of Kari and more"),
            Mail("all about others"),
            Mail("nobody decided"),
        };
        var decisions = new Dictionary<string, ReviewDecision>
        {
            ["m365.0"] = Decision("m365.0", ReviewDecisionKind.Include),
            ["m365.2"] = Decision("m365.2", ReviewDecisionKind.Redact, ["secret of Kari"]),
            ["m365.3"] = Decision("m365.3", ReviewDecisionKind.Exclude),
            ["other.4"] = Decision("other.4", ReviewDecisionKind.Include), // another system's item with the same position
        };

        var applied = await MailReview.ApplyAsync(records.ToAsyncEnumerable(), "m365", decisions, Language.Swedish, Ct).ToListAsync(Ct);

        Assert.Equal(
            ["kept as it is", "not a reviewed field here", "[…] and more", MailReview.Withheld(Language.Swedish), MailReview.Withheld(Language.Swedish)],
            applied.Select(r => (string)r.Fields["body"]!));
        Assert.All(applied, r => Assert.Equal("s", (string?)r.Fields["subject"] ?? "s"));
        Assert.Equal("secret of Kari and more", (string)records[2].Fields["body"]!); // the stored record is not changed
    }

    [Fact]
    public void TheWithheldNoteIsInTheRequestsLanguageOnly()
    {
        var notes = new[] { Language.NorwegianBokmal, Language.Swedish, Language.English }.Select(MailReview.Withheld).ToList();

        Assert.Equal(3, notes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(notes, n => Assert.Contains("15", n, StringComparison.Ordinal));
        Assert.DoesNotContain("withheld", notes[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("withheld", notes[1], StringComparison.OrdinalIgnoreCase);
    }

    private static ReviewDecision Decision(string item, ReviewDecisionKind kind, IReadOnlyList<string>? passages = null) =>
        new(item, kind, "reason", "officer", DateTimeOffset.UnixEpoch, passages);
}
