using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Api;

/// <summary>
/// The Teams request form (infra/teams/request-form.{en,nb,sv}.card.json) against the configuration and the API: what the
/// Workflows flow posts with its own identity — the card's inputs plus submissionId and respondingOfficer (the responder's
/// Entra object id) — is accepted as it is.
/// </summary>
public sealed class TeamsRequestCardTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly JObject Card = JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf("infra/teams/request-form.en.card.json")));

    public static TheoryData<string> Languages() => ["en", "nb", "sv"];

    private ApiServer Api => fixture.Server;

    private static IEnumerable<JObject> Inputs => Card["body"]!.Children<JObject>().Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguagesFormHasTheSameInputsAndChoiceValues(string language)
    {
        var other = JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf($"infra/teams/request-form.{language}.card.json")));

        static IEnumerable<string> Shape(JObject card) => card["body"]!.Children<JObject>()
            .Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal))
            .Select(e => $"{e["id"]}:{e["type"]}:{e["isRequired"]}:{string.Join(",", e["choices"]?.Select(c => (string)c["value"]!) ?? [])}");
        Assert.Equal(Shape(Card), Shape(other));
    }

    [Fact]
    public void LegalEntityChoicesAreTheSampleConfigurationsEntityIds()
    {
        var sample = PrivacySyncOptionsLoader.Parse(File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json"))).Options!;
        var choices = Inputs.Single(i => (string?)i["id"] == "legalEntity")["choices"]!.Select(c => (string)c["value"]!);

        Assert.Equal(sample.LegalEntities.Select(e => e.Id!).Order(StringComparer.Ordinal), choices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CardInputsWithSubmissionIdAndTheRespondingOfficerAreAcceptedFromTheFlowsIdentity()
    {
        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", FlowBody(Api.Norway, ApiServer.Anna), await Api.AsFlowAsync());

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        var (_, shown) = await Api.SendAsync(HttpMethod.Get, (string)body["statusUrl"]!, officer: ApiServer.Anna);
        Assert.Equal(ApiServer.Anna, (string?)shown["submittedBy"]);
    }

    [Fact]
    public async Task ProcessorEntityTakesTheControllersInstructionFromTheCard()
    {
        var form = FlowBody(Api.Processor, ApiServer.Ola);
        form["controllerInstruction"] = "EMPLOYER-REQ-2026-17";

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form, await Api.AsFlowAsync());

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
    }

    [Fact]
    public async Task ForwardingTheCardsActionDataIsRefused()
    {
        var form = FlowBody(Api.Norway, ApiServer.Anna);
        form["action"] = Card["actions"]![0]!["data"]!["action"];

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form, await Api.AsFlowAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("action", (string?)body["errors"]![0]!["field"]);
    }

    /// <summary>Every card input with a value an officer could enter (empty optional inputs as the card sends them), plus the flow's two fields.</summary>
    private static JObject FlowBody(string entity, string officer)
    {
        var examples = new Dictionary<string, string>
        {
            ["requestType"] = "access",
            ["subjectName"] = "Kari Testesen",
            ["subjectEmail"] = $"kari.{Guid.NewGuid():N}@example.com",
            ["subjectPhone"] = "+47 912 34 567",
            ["employeeId"] = "E-1001",
            ["legalEntity"] = entity,
            ["controllerInstruction"] = "",
            ["receivedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["identityVerification"] = "bankid",
            ["notes"] = "Asked at the front desk.",
            ["corrections"] = "", // an empty text area, as Teams sends it for an access request
            ["restrictionGround"] = "", // no choice made, as Teams sends it for a request that is no restriction
        };
        var form = new JObject();
        foreach (var input in Inputs)
        {
            var id = (string)input["id"]!;
            // A choice with a default sends the default; any other input must have an example here, so a new card input fails this test until the API takes it.
            var value = examples.TryGetValue(id, out var example) ? example : (string?)input["value"];
            Assert.True(value is not null, $"the card's input '{id}' has no example value in this test");
            form[id] = value;
        }

        form["submissionId"] = "teams-response-" + Guid.NewGuid().ToString("N");
        form["respondingOfficer"] = ApiServer.ObjectId(officer);
        return form;
    }
}
