using PrivacySync.Core.Configuration;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// Which of a request's corrections one system takes, from the fields its configuration declares rectifiable; the
/// rest are refused there with a reason, as outcomes, before the connector is asked. One rule for every kind.
/// </summary>
public sealed record RectificationPlan(IReadOnlyList<TargetedCorrection> Allowed, IReadOnlyList<CategoryOutcome> Refused)
{
    /// <summary>The category a refused field is reported under: the system declares none for it.</summary>
    public const string UndeclaredCategory = "not-rectifiable";

    public static RectificationPlan For(SystemOptions system, IReadOnlyList<FieldCorrection> corrections)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(corrections);
        var allowed = new List<TargetedCorrection>();
        var refused = new List<CategoryOutcome>();
        foreach (var correction in corrections)
        {
            if (system.FindRectifiable(correction.Field) is { Target: { } target, Category: { } category })
            {
                allowed.Add(new TargetedCorrection(correction.Field, target, category, correction.Value));
            }
            else
            {
                refused.Add(CategoryOutcome.Refused(
                    UndeclaredCategory,
                    correction.Field,
                    $"{system.DisplayName ?? system.Id} does not allow rectifying '{correction.Field}' (not among its configured rectifiable fields); correct it there by hand if it holds the field"));
            }
        }

        return new RectificationPlan(allowed, refused);
    }

    /// <summary>The connector's outcome with the refused fields added.</summary>
    public SystemOutcome Merge(SystemOutcome? connectorOutcome) =>
        connectorOutcome is null
            ? new SystemOutcome(Refused, "none of the requested fields is rectifiable in this system")
            : connectorOutcome with { Categories = [.. connectorOutcome.Categories, .. Refused] };
}
