using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// What the Workflows flows in infra/teams send to the API, built from a card's response exactly as their HTTP steps'
/// body expressions do (infra/teams/README.md gives the same bodies).
/// </summary>
internal static class WorkflowSteps
{
    /// <summary>
    /// Request form flow: the response's data without the button's "action", plus the response id and the responder's
    /// Entra object id (<c>responder.objectId</c>) as <c>respondingOfficer</c>.
    /// </summary>
    public static JObject SubmitBody(JObject responseData, string responseId, string responderObjectId)
    {
        var body = (JObject)responseData.DeepClone();
        body.Remove("action");
        body["submissionId"] = responseId;
        body["respondingOfficer"] = responderObjectId;
        return body;
    }

    /// <summary>
    /// Approval flow: the answer's decision, the responder's Entra object id as <c>respondingOfficer</c>, and the card's
    /// method and reason inputs — always sent, "" when the card or the officer left them empty (the API takes "" as absent).
    /// </summary>
    public static (string RequestId, JObject Body) DecisionBody(JObject responseData, string responderObjectId)
    {
        var body = new JObject
        {
            ["decision"] = responseData["decision"],
            ["respondingOfficer"] = responderObjectId,
            ["method"] = (string?)responseData["method"] ?? "",
            ["reason"] = (string?)responseData["reason"] ?? "",
        };
        return ((string)responseData["requestId"]!, body);
    }
}
