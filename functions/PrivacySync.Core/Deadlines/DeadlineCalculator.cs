namespace PrivacySync.Core.Deadlines;

/// <summary>
/// GDPR Art. 12(3): answer within one month of receipt, extendable to three months in total. Periods follow
/// Regulation (EEC, Euratom) No 1182/71 Art. 3: the day of receipt is not counted; a period in months ends on the
/// same date in the last month, or on that month's last day when the date does not exist; a period ending on a
/// Saturday, Sunday or public holiday ends on the next working day.
/// </summary>
public static class DeadlineCalculator
{
    public static DateOnly DueOn(DateOnly receivedOn, Jurisdiction jurisdiction, bool extended)
    {
        // DateOnly.AddMonths clamps to the month's last day (31 Jan + 1 month = 28/29 Feb), as Art. 3(2)(c) requires.
        var lastDay = receivedOn.AddMonths(extended ? 3 : 1);
        return WorkingDays.OnOrAfter(lastDay, jurisdiction);
    }
}
