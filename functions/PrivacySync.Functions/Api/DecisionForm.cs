using System.Runtime.Serialization;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;

namespace PrivacySync.Functions.Api;

/// <summary>An officer's decision on a request.</summary>
internal enum Decision
{
    [EnumMember(Value = "verify")]
    Verify,

    [EnumMember(Value = "approve")]
    Approve,

    [EnumMember(Value = "reject")]
    Reject,

    [EnumMember(Value = "extend")]
    Extend,

    /// <summary>Ends one system's identity conflict: <c>system</c> plus either <c>confirm</c> (a record) or <c>drop</c> (an identifier).</summary>
    [EnumMember(Value = "resolve-identity")]
    ResolveIdentity,

    /// <summary>Lifts a restriction (Art. 18(3)): with <c>reason</c>; the subject's letter first, the systems lift it the next night.</summary>
    [EnumMember(Value = "lift-restriction")]
    LiftRestriction,
}

/// <summary>
/// A validated decision body <c>{decision, reason, method}</c> (for resolve-identity also <c>{system, confirm | drop}</c>)
/// and the officer who decides (from the token).
/// </summary>
internal sealed record DecisionForm(Decision Decision, string Officer, string? Reason, IdentityVerification? Method, IdentityForm? Identity = null)
{
    public static (DecisionForm? Form, IReadOnlyList<ApiError> Errors) Validate(JObject body, string officer)
    {
        var fields = new BodyFields(body);
        var decision = fields.RequiredChoice<Decision>("decision");
        var reason = fields.Optional("reason", 500, multiline: true);
        var method = fields.OptionalChoice<IdentityVerification>("method");
        var identity = IdentityForm.Read(fields, decision);
        fields.RejectUnknown();

        switch (decision)
        {
            case Decision.Verify when method is null && !fields.Errors.Any(e => e.Field == "method"):
                fields.Add("method", "is required to verify: how was the subject's identity verified?");
                break;
            case Decision.Verify when method == IdentityVerification.Pending:
                fields.Add("method", "must name the method used to verify the subject's identity, not 'pending'");
                break;
            case Decision.Approve or Decision.Reject or Decision.Extend or Decision.ResolveIdentity or Decision.LiftRestriction when method is not null:
                fields.Add("method", "is only for the decision 'verify'");
                break;
            case Decision.Reject or Decision.Extend or Decision.LiftRestriction when reason is null && !fields.Errors.Any(e => e.Field == "reason"):
                fields.Add("reason", $"is required to {decision switch { Decision.Reject => "reject", Decision.Extend => "extend the deadline", _ => "lift a restriction" }}");
                break;
        }

        return fields.Errors.Count == 0
            ? (new DecisionForm(decision!.Value, officer, reason, method, identity), [])
            : (null, fields.Errors);
    }
}
