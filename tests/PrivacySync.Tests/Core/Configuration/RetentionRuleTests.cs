using PrivacySync.Core.Configuration;

namespace PrivacySync.Tests.Core.Configuration;

public sealed class RetentionRuleTests
{
    [Theory]
    [InlineData("P5Y", "fiscal-year-end", "2025-03-10", "2030-12-31")] // bookkeeping (NO): from the end of the fiscal year
    [InlineData("P7Y", "fiscal-year-end", "2025-12-31", "2032-12-31")] // bookkeeping (SE)
    [InlineData("P6M", "agreement-end", "2025-08-31", "2026-02-28")] // month end clamps
    [InlineData("P3Y", "last-delivery", "2024-02-29", "2027-02-28")] // leap day clamps
    [InlineData("P1Y", "collection", "2026-01-15", "2027-01-15")]
    public void RetainUntilAddsThePeriodToTheAnchor(string period, string after, string eventDate, string until)
    {
        var rule = new RetentionRuleOptions { Name = "r", Period = period, RawAfter = after };

        Assert.Equal(DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), rule.RetainUntil(DateOnly.Parse(eventDate, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
