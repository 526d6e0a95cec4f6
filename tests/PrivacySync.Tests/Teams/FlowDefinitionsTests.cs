using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The flow definitions in infra/teams/flows send what the officer-path tests send (<see cref="WorkflowSteps"/>), to the
/// endpoints the API has, and route by the card kinds the app posts.
/// </summary>
public sealed class FlowDefinitionsTests
{
    private static JObject Flow(string name) => JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf($"infra/teams/flows/{name}.flow.json")));

    private static JObject Action(JObject flow, string name) =>
        flow.Descendants().OfType<JProperty>().Where(p => p.Name == name && p.Value is JObject o && o["type"] is not null).Select(p => (JObject)p.Value).Single();

    [Fact]
    public void ApprovalFlowSendsTheDecisionBodyTheTestsSendWithItsOwnIdentity()
    {
        var send = Action(Flow("approval"), "Send_the_decision");
        var (_, body) = WorkflowSteps.DecisionBody(new JObject { ["decision"] = "approve", ["requestId"] = "dsr-x" }, Guid.NewGuid().ToString());

        Assert.Equal("POST", (string?)send["inputs"]!["method"]);
        Assert.EndsWith("/decision", (string)send["inputs"]!["uri"]!, StringComparison.Ordinal);
        Assert.Equal(body.Properties().Select(p => p.Name), ((JObject)send["inputs"]!["body"]!).Properties().Select(p => p.Name));
        Assert.Contains("['responder']?['objectId']", (string)send["inputs"]!["body"]![ApiRoles.RespondingOfficer]!, StringComparison.Ordinal);
        AssertCallsWithTheFlowIdentity(send);
    }

    [Fact]
    public void RequestFormFlowDropsTheButtonsActionAndAddsTheSubmissionIdAndTheResponderWithItsOwnIdentity()
    {
        var submit = Action(Flow("request-form"), "Submit_to_PrivacySync");
        var body = (string)submit["inputs"]!["body"]!;

        Assert.EndsWith("/requests", (string)submit["inputs"]!["uri"]!, StringComparison.Ordinal);
        Assert.Contains("removeProperty(body('Post_form_and_wait_for_a_response')?['data'], 'action')", body, StringComparison.Ordinal);
        Assert.Contains("'submissionId'", body, StringComparison.Ordinal);
        Assert.Contains($"'{ApiRoles.RespondingOfficer}', body('Post_form_and_wait_for_a_response')?['responder']?['objectId']", body, StringComparison.Ordinal);
        var sent = WorkflowSteps.SubmitBody(new JObject { ["action"] = "submit-dsr", ["requestType"] = "access" }, "r-1", Guid.NewGuid().ToString());
        Assert.Equal(["requestType", "submissionId", ApiRoles.RespondingOfficer], sent.Properties().Select(p => p.Name));
        AssertCallsWithTheFlowIdentity(submit);
    }

    /// <summary>The HTTP step authenticates as the flow's app registration (Active Directory OAuth), never with a function key.</summary>
    private static void AssertCallsWithTheFlowIdentity(JObject step)
    {
        var inputs = (JObject)step["inputs"]!;
        Assert.Equal("ActiveDirectoryOAuth", (string?)inputs["authentication"]?["type"]);
        Assert.Equal(["audience", "clientId", "secret", "tenant"], ((JObject)inputs["authentication"]!).Properties().Select(p => p.Name).Where(n => n != "type").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(((JObject)inputs["headers"]!).Properties(), h => h.Name.Equals("x-functions-key", StringComparison.OrdinalIgnoreCase) || h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NotificationFlowHandsExactlyTheCardsThatWaitForAnAnswerToTheApprovalFlow()
    {
        var condition = Action(Flow("notification"), "Waits_for_an_answer");
        var routed = ((JContainer)condition["expression"]!).Descendants().OfType<JValue>().Select(v => (string?)v).Where(v => v is not null && !v.StartsWith('@')).ToList();

        Assert.Equal(CardNames.AwaitingResponse.Order(), routed.Order());
    }
}
