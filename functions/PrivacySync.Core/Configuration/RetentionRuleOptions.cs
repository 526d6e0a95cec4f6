using System.Text;
using Newtonsoft.Json;
using NodaTime;
using NodaTime.Text;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>A named retention rule, e.g. "bookkeeping-no": 5 years after the end of the fiscal year.</summary>
public sealed record RetentionRuleOptions
{
    public string? Name { get; init; }

    /// <summary>ISO-8601 period in years, months, weeks or days: "P5Y", "P6M".</summary>
    public string? Period { get; init; }

    [JsonProperty("After")]
    public string? RawAfter { get; init; }

    [JsonIgnore]
    public RetentionAnchor After
    {
        get => WireNames.Parse<RetentionAnchor>(RawAfter);
        init => RawAfter = value.ToWire();
    }

    /// <summary>The law or policy behind the rule, for the certificate (e.g. "Bokføringsloven § 13").</summary>
    public LocalizedText? LegalReference { get; init; }

    /// <summary>The period or criteria in words for the subject (Art. 15(1)(d)), e.g. "five years after the end of the fiscal year".</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>
    /// The GDPR Art. 17(3) exemption that lets data under this rule outlive an erasure request, e.g. "Art. 17(3)(b)
    /// (a legal obligation to keep accounting records)"; required when a category retains data under the rule.
    /// </summary>
    public LocalizedText? Exemption { get; init; }

    /// <summary>The country whose law the rule models ("NO", "SE"); a system may use it only for entities of that country.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The last day data may be kept, given the date of the event the period runs from.</summary>
    public DateOnly RetainUntil(DateOnly eventDate)
    {
        var anchor = After == RetentionAnchor.FiscalYearEnd ? new DateOnly(eventDate.Year, 12, 31) : eventDate;
        var period = TryParsePeriod(Period) ?? throw new InvalidOperationException($"Retention rule {Name} has no valid period.");
        return LocalDate.FromDateOnly(anchor).Plus(period).ToDateOnly();
    }

    /// <summary>A positive, date-only ISO-8601 period, or null.</summary>
    internal static NodaTime.Period? TryParsePeriod(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var result = PeriodPattern.NormalizingIso.Parse(text);
        if (!result.Success)
        {
            return null;
        }

        var period = result.Value;
        var positive = period.Years >= 0 && period.Months >= 0 && period.Weeks >= 0 && period.Days >= 0
            && (period.Years + period.Months + period.Weeks + period.Days) > 0;
        return positive && !period.HasTimeComponent ? period : null;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}");
        return true;
    }
}
