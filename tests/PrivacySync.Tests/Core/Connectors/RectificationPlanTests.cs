using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Core.Connectors;

public sealed class RectificationPlanTests
{
    private static readonly SystemOptions Crm = new()
    {
        Id = "crm",
        DisplayName = "CRM",
        Rectification = [new RectifiableFieldOptions { Field = "phone", Target = "mobilephone", Category = "contact-details" }],
    };

    [Fact]
    public void DeclaredFieldsGoToTheConnectorWithTheirTargetAndCategory()
    {
        var plan = RectificationPlan.For(Crm, [new FieldCorrection("phone", "+47 900 00 000")]);

        Assert.Equal([new TargetedCorrection("phone", "mobilephone", "contact-details", "+47 900 00 000")], plan.Allowed);
        Assert.Empty(plan.Refused);
    }

    [Fact]
    public void AFieldTheSystemDoesNotDeclareIsRefusedThereWithAReasonAndNeverSentToTheConnector()
    {
        var plan = RectificationPlan.For(Crm, [new FieldCorrection("phone", "1"), new FieldCorrection("bank-account", "NO93 8601 1117 947")]);

        var refused = Assert.Single(plan.Refused);
        Assert.Equal((OutcomeKind.Refused, "bank-account"), (refused.Kind, refused.Field));
        Assert.Contains("does not allow rectifying 'bank-account'", refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("NO93", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(["phone"], plan.Allowed.Select(a => a.Field));
    }

    [Fact]
    public void WhenNothingIsAllowedTheOutcomeIsTheRefusalsAlone()
    {
        var outcome = RectificationPlan.For(Crm, [new FieldCorrection("name", "x")]).Merge(null);

        Assert.Equal([OutcomeKind.Refused], outcome.Categories.Select(c => c.Kind));
    }

    [Fact]
    public void ACorrectionNeverPrintsItsValue()
    {
        Assert.DoesNotContain("secret-value", new FieldCorrection("phone", "secret-value").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", new TargetedCorrection("phone", "t", "c", "secret-value").ToString(), StringComparison.Ordinal);
    }
}
