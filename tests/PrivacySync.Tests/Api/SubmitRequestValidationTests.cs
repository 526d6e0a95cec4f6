using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Api;

/// <summary>Every invalid field of the form is a 400 naming it, all problems are reported together, and nothing is stored.</summary>
public sealed class SubmitRequestValidationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Day(int daysFromToday) =>
        DateTime.UtcNow.Date.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string?> InvalidFields() => new()
    {
        // field, JSON value (null: property removed), expected field in the answer
        { "requestType", "\"deletion\"", null },
        { "requestType", "\"Access\"", null },
        { "requestType", "5", null },
        { "requestType", null!, null },
        { "subjectName", null!, null },
        { "subjectName", "\"   \"", null },
        { "subjectName", $"\"{new string('n', 201)}\"", null },
        { "subjectName", "\"Kari\\u0007Nordmann\"", null },
        { "subjectEmail", null!, null },
        { "subjectEmail", "\"not-an-email\"", null },
        { "subjectEmail", "\"kari@localhost\"", null },
        { "subjectEmail", "\"Kari <kari@example.com>\"", null },
        { "subjectEmail", "\"kari@example.com, ola@example.com\"", null },
        { "subjectEmail", $"\"{new string('k', 250)}@example.com\"", null },
        { "subjectPhone", "\"call me maybe\"", null },
        { "subjectPhone", "\"12\"", null },
        { "employeeId", $"\"{new string('e', 65)}\"", null },
        { "employeeId", "{\"id\":1}", null },
        { "legalEntity", "\"no-such-entity\"", null },
        { "legalEntity", "\"legal@example.com\"", null },
        { "legalEntity", null!, null },
        { "language", "\"de\"", null },
        { "receivedOn", "\"2025-02-30\"", null },
        { "receivedOn", "\"03/02/2025\"", null },
        { "receivedOn", "\"2025-2-3\"", null },
        { "receivedOn", "20250203", null },
        { "receivedOn", $"\"{Day(3)}\"", null },
        { "receivedOn", "\"2017-12-31\"", null },
        { "receivedOn", null!, null },
        { "identityVerification", "\"passport\"", null },
        { "identityVerification", null!, null },
        { "notes", $"\"{new string('n', 2001)}\"", null },
        { "notes", "[\"a\",\"b\"]", null },
        { "submissionId", null!, null },
        { "submissionId", $"\"{new string('s', 129)}\"", null },
        // Who submits comes from the token: a body naming an officer is refused.
        { "submittedBy", "\"sara.test\"", null },
        { "submittedBy", "\"anna.test\"", null },
        { "controllerInstruction", "\"ORDER-1\"", null },
        { "subjectAddress", "\"Storgata 1\"", "subjectAddress" },
        { "RequestType", "\"access\"", "RequestType" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidFieldIs400NamingItAndNothingIsStored(string field, string? json, string? expectedField)
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara);
        if (json is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = JToken.Parse(json);
        }

        var before = await CountAsync(Api.Sweden);
        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((JArray)body["errors"]!);
        Assert.Equal(expectedField ?? field, (string?)error["field"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        if (form[field] is JValue { Type: JTokenType.String } sent && ((string)sent!).Trim().Length >= 4)
        {
            Assert.DoesNotContain(((string)sent!).Trim(), body.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountAsync(Api.Sweden));

        // The submission id was not bound: the corrected form creates the request (202, not a repeat's 200).
        if (field != "submissionId")
        {
            var corrected = Api.Form(Api.Sweden, ApiServer.Sara, f => f["submissionId"] = form["submissionId"]);
            Assert.Equal(HttpStatusCode.Accepted, (await Api.SendAsync(HttpMethod.Post, "/api/requests", corrected)).Response.StatusCode);
        }
    }

    [Fact]
    public async Task SeveralInvalidFieldsAreReportedTogether()
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara, f =>
        {
            f["requestType"] = "teleportation";
            f["subjectEmail"] = "nope";
            f["receivedOn"] = "2025-13-01";
            f["identityVerification"] = "trust-me";
            f.Remove("submissionId");
            f["extra"] = true;
        });

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["extra", "identityVerification", "receivedOn", "requestType", "subjectEmail", "submissionId"],
            ((JArray)body["errors"]!).Select(e => (string)e["field"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"requestType\": \"access\",")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"a string\"")]
    [InlineData("{} {}")]
    [InlineData("{\"requestType\": \"access\", \"requestType\": \"erasure\"}")]
    [InlineData("")]
    public async Task ABodyThatIsNotOneJsonObjectIs400(string text)
    {
        var response = await Api.PostAsync("/api/requests", text, ApiServer.Sara);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("body", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
    }

    [Fact]
    public async Task AMalformedBodyIsNotEchoedBack()
    {
        var response = await Api.PostAsync("/api/requests", "{\"subjectEmail\": \"kari.secret@example.com\" \"subjectName\": \"Kari\"}", ApiServer.Sara);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("kari.secret", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8Is400()
    {
        var bytes = Encoding.Latin1.GetBytes(Api.Form(Api.Sweden, ApiServer.Sara, f => f["subjectName"] = "Kåre Ødegård").ToString());

        var response = await (await Api.AsAsync(ApiServer.Sara)).PostAsync("/api/requests", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<int> CountAsync(string entity) => Api.CountRequestsAsync(entity, ApiServer.Sara);
}
