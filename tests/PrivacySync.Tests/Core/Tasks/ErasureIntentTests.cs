using PrivacySync.Core.Connectors;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Tests.Core.Tasks;

public sealed class ErasureIntentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ErasureIntent Intent() => ErasureIntent.From(
        new DiscoveryResult(true, [new DataCategory("contacts", 1, "Marketing", "Consent"), new DataCategory("deals", 2, "Sales", "Contract")]), 1, T0);

    [Fact]
    public void ARerunThatFindsNothingReportsWhatTheFirstAttemptSetOutToErase()
    {
        var rerun = Intent().Reconcile(new SystemOutcome([CategoryOutcome.NotFound("all")]), attempt: 2);

        Assert.Equal([("contacts", OutcomeKind.Erased, 1L), ("deals", OutcomeKind.Erased, 2L)], rerun.Categories.Select(c => (c.Category, c.Kind, c.RecordCount)));
        Assert.All(rerun.Categories, c => Assert.Equal(ErasureIntent.EarlierAttemptReason, c.Reason));
    }

    [Fact]
    public void OnlyCategoriesTheIntentFoundTurnFromNotFoundToErased()
    {
        var outcome = new SystemOutcome([CategoryOutcome.NotFound("deals"), CategoryOutcome.Retained("invoices", 3, "Bookkeeping Act", null), CategoryOutcome.NotFound("tickets")]);

        var rerun = Intent().Reconcile(outcome, attempt: 3);

        Assert.Equal([OutcomeKind.Erased, OutcomeKind.Retained, OutcomeKind.NotFound], rerun.Categories.Select(c => c.Kind));
    }

    [Fact]
    public void TheFirstAttemptReportsWhatItDid()
    {
        var outcome = new SystemOutcome([CategoryOutcome.NotFound("all")]);

        Assert.Same(outcome, Intent().Reconcile(outcome, attempt: 1));
    }
}
