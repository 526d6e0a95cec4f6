using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Sandbox.Entra;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Api;

/// <summary>
/// Entra ID bearer tokens on every officer endpoint: a hostile corpus of missing, foreign and forged tokens (401),
/// tokens without the right role or of an unknown account (403), and the Teams flow's identity naming the responding
/// officer — each refusal with its field and no state changed.
/// </summary>
public sealed class ApiAuthenticationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each refused credential: a name, how to make the client, the status and the field named.</summary>
    private IEnumerable<(string Case, Func<HttpClient> Client, HttpStatusCode Status)> HostileCallers()
    {
        var anna = ApiServer.ObjectId(ApiServer.Anna);
        using var otherKey = new EntraTokens();
        // The claims the issuer would sign, signed with a key it does not publish.
        var forged = otherKey.Sign(Claims(anna));
        yield return ("no credentials", () => Api.Anonymous, HttpStatusCode.Unauthorized);
        yield return ("a function key only", () => Api.Client, HttpStatusCode.Unauthorized);
        yield return ("not a JWT", () => Api.WithToken("not-a-token"), HttpStatusCode.Unauthorized);
        yield return ("signed with another key", () => Api.WithToken(forged), HttpStatusCode.Unauthorized);
        yield return ("expired", () => Api.WithToken(Api.Entra.Sign(anna, c => { c["iat"] = c["nbf"] = Unix(-7200); c["exp"] = Unix(-3600); })), HttpStatusCode.Unauthorized);
        yield return ("not yet valid", () => Api.WithToken(Api.Entra.Sign(anna, c => { c["iat"] = c["nbf"] = Unix(3600); c["exp"] = Unix(7200); })), HttpStatusCode.Unauthorized);
        yield return ("for another audience", () => Api.WithToken(Api.Entra.Sign(anna, c => c["aud"] = Guid.NewGuid().ToString())), HttpStatusCode.Unauthorized);
        yield return ("from another issuer", () => Api.WithToken(Api.Entra.Sign(anna, c => c["iss"] = "https://login.microsoftonline.com/" + Guid.NewGuid() + "/v2.0")), HttpStatusCode.Unauthorized);
        yield return ("without expiry", () => Api.WithToken(Api.Entra.Sign(anna, c => c.Remove("exp"))), HttpStatusCode.Unauthorized);
        yield return ("without a role", () => Api.WithToken(Api.Entra.Sign(anna, c => c.Remove("roles"))), HttpStatusCode.Forbidden);
        yield return ("with an unknown role", () => Api.WithToken(Api.Entra.Sign(anna, c => c["roles"] = new[] { "PrivacySync.Admin" })), HttpStatusCode.Forbidden);
        yield return ("with both roles", () => Api.WithToken(Api.Entra.Sign(anna, c => c["roles"] = new[] { EntraSandbox.OfficerRole, EntraSandbox.TeamsFlowRole })), HttpStatusCode.Forbidden);
        yield return ("of an account that is no officer", () => Api.WithToken(Api.Entra.Sign(ApiServer.ObjectId(ApiServer.Outsider))), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EveryOfficerEndpointRefusesAHostileCallerAndChangesNothing()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["requestType"] = "erasure"));
        var trail = (await Api.Get<IAuditLog>().ReadAsync(id, Ct)).Count;
        var endpoints = new (HttpMethod Method, string Path, Func<JObject?> Body)[]
        {
            (HttpMethod.Post, "/api/requests", () => Api.Form(Api.Norway, ApiServer.Anna)),
            (HttpMethod.Get, "/api/requests", () => null),
            (HttpMethod.Get, $"/api/requests/{id}", () => null),
            (HttpMethod.Post, $"/api/requests/{id}/decision", () => new JObject { ["decision"] = "approve" }),
            (HttpMethod.Post, $"/api/requests/{id}/outputs/certificate.json/link", () => new JObject()),
            (HttpMethod.Get, $"/api/requests/{id}/outputs/certificate.json?officer=anna.test&expires=9999999999&sig=x", () => null),
        };

        foreach (var (name, client, status) in HostileCallers().ToList())
        {
            using var caller = client();
            foreach (var (method, path, body) in endpoints)
            {
                var (response, answer) = await Api.SendAsync(method, path, body(), caller);
                Assert.True(response.StatusCode == status, $"{name}, {method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {answer}");
                var error = Assert.Single((JArray)answer["errors"]!);
                Assert.Equal("Authorization", (string?)error["field"]);
                Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), name);
                if (status == HttpStatusCode.Unauthorized)
                {
                    Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                }
            }
        }

        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Anna);
        Assert.Equal("awaiting-approval", (string?)shown["status"]);
        Assert.Equal(trail, (await Api.Get<IAuditLog>().ReadAsync(id, Ct)).Count);
        Assert.Empty(await Api.DispatchedAsync(id));
    }

    [Fact]
    public async Task AnOfficerActsAsThemselfAndCannotNameAnotherOfficer()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["requestType"] = "erasure"));

        var (named, namedBody) = await Api.DecideAsync(id, ApiServer.By(ApiServer.Anna, new JObject
        {
            ["decision"] = "approve",
            ["respondingOfficer"] = ApiServer.ObjectId(ApiServer.Bjorn),
        }));
        var (bodyOfficer, bodyOfficerBody) = await Api.DecideAsync(id, ApiServer.By(ApiServer.Anna, new JObject { ["decision"] = "approve", ["officer"] = ApiServer.Bjorn }));
        var (submitted, submittedBody) = await Api.SendAsync(HttpMethod.Post, "/api/requests",
            Api.Form(Api.Norway, ApiServer.Anna, f => f["respondingOfficer"] = ApiServer.ObjectId(ApiServer.Bjorn)));

        Assert.Equal(HttpStatusCode.Forbidden, named.StatusCode);
        Assert.Equal("respondingOfficer", (string?)Assert.Single((JArray)namedBody["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.BadRequest, bodyOfficer.StatusCode);
        Assert.Equal("officer", (string?)Assert.Single((JArray)bodyOfficerBody["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.Forbidden, submitted.StatusCode);
        Assert.Equal("respondingOfficer", (string?)Assert.Single((JArray)submittedBody["errors"]!)["field"]);
        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Anna);
        Assert.Equal("awaiting-approval", (string?)shown["status"]);
    }

    [Fact]
    public async Task TheTeamsFlowsIdentityActsForTheRespondingOfficerAndFourEyesComparesThatIdentity()
    {
        var flow = await Api.AsFlowAsync();
        var form = Api.Form(Api.Norway, ApiServer.Anna, f =>
        {
            f["requestType"] = "erasure";
            f["respondingOfficer"] = ApiServer.ObjectId(ApiServer.Anna);
        });
        var (submitted, accepted) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form, flow);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (string)accepted["requestId"]!;
        JObject Approve(string? responding)
        {
            var body = new JObject { ["decision"] = "approve" };
            if (responding is not null)
            {
                body["respondingOfficer"] = responding;
            }

            return body;
        }

        var refusals = new (JObject Body, HttpStatusCode Status)[]
        {
            (Approve(null), HttpStatusCode.BadRequest),
            (Approve("anna.test"), HttpStatusCode.BadRequest),
            (Approve(ApiServer.ObjectId(ApiServer.Outsider)), HttpStatusCode.Forbidden),
            (Approve(ApiServer.ObjectId(ApiServer.Sara)), HttpStatusCode.Forbidden),
            (Approve(ApiServer.ObjectId(ApiServer.Anna)), HttpStatusCode.Forbidden),
        };
        foreach (var (body, status) in refusals)
        {
            var (response, answer) = await Api.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision", body, flow);
            Assert.True(response.StatusCode == status, $"{body}: expected {(int)status}, got {(int)response.StatusCode}: {answer}");
        }

        Assert.Empty(await Api.DispatchedAsync(id));
        var (read, readBody) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}?respondingOfficer={ApiServer.ObjectId(ApiServer.Bjorn)}", client: flow);
        var (unnamedRead, _) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", client: flow);
        var (approved, approvedBody) = await Api.SendAsync(HttpMethod.Post, $"/api/requests/{id}/decision", Approve(ApiServer.ObjectId(ApiServer.Bjorn)), flow);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(ApiServer.Anna, (string?)readBody["submittedBy"]);
        Assert.Equal(HttpStatusCode.BadRequest, unnamedRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(ApiServer.Bjorn, (string?)approvedBody["approvedBy"]);
        Assert.Equal([id], await Api.DispatchedAsync(id));
    }

    private Dictionary<string, object> Claims(string objectId)
    {
        var claims = EntraTokens.Claims(Api.Entra.Issuer, Api.Entra.TenantId, Api.Entra.ApiClientId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
        claims["oid"] = objectId;
        claims["sub"] = objectId;
        claims["roles"] = new[] { EntraSandbox.OfficerRole };
        return claims;
    }

    private static long Unix(int seconds) => DateTimeOffset.UtcNow.AddSeconds(seconds).ToUnixTimeSeconds();
}
