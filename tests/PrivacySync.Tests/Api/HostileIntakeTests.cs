using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Persistence;
using PrivacySync.Tests.Core.Requests;

namespace PrivacySync.Tests.Api;

/// <summary>
/// The hostile corpus against POST /api/requests: each value gets a 400 naming its field, is not echoed back and stores
/// nothing; acceptable Unicode is stored in NFC.
/// </summary>
public sealed class HostileIntakeTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Corpus() => HostileIdentifiers.AtIntake();

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AHostileIdentifierIs400OnItsFieldAndStoresNothing(string @case, string field, string value)
    {
        var form = Api.Form(Api.Norway, ApiServer.Anna, f => f[field] = value);
        var before = await CountAsync();

        // \u escapes for everything non-ASCII, so a lone surrogate arrives as one (raw UTF-8 cannot carry it).
        using var response = await Api.PostAsync("/api/requests", Escaped(form), ApiServer.Anna);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode} {body}");
        var error = Assert.Single((JArray)body["errors"]!);
        Assert.Equal(field, (string?)error["field"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.DoesNotContain(value, body.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await Api.SendAsync(HttpMethod.Post, "/api/requests",
            Api.Form(Api.Norway, ApiServer.Anna, f => f["submissionId"] = form["submissionId"]))).Response.StatusCode);
    }

    [Fact]
    public async Task AnAddressWithAnApostropheOrNonAsciiLettersIsAcceptedAndStoredInNfc()
    {
        var decomposed = "bjo\u0308rn.o'neil@ka\u030Arsta.example.com"; // "björn.o'neil@kårsta…" typed with combining marks
        var name = "Bjo\u0308rn O'Neil";
        var form = Api.Form(Api.Norway, ApiServer.Anna, f =>
        {
            f["subjectEmail"] = decomposed;
            f["subjectName"] = name;
        });

        var id = await Api.SubmitAsync(form);

        var subject = await Api.Get<ISubjectStore>().GetAsync(id, Ct);
        Assert.NotNull(subject);
        // Compared as UTF-16 code units: a linguistic comparison would call the two spellings equal.
        Assert.Equal("bj\u00F6rn.o'neil@k\u00E5rsta.example.com".ToCharArray(), subject.Email.ToCharArray());
        Assert.Equal("Bj\u00F6rn O'Neil".ToCharArray(), subject.Name!.ToCharArray());
    }

    internal static string Escaped(JObject form) =>
        Newtonsoft.Json.JsonConvert.SerializeObject(form, new Newtonsoft.Json.JsonSerializerSettings { StringEscapeHandling = Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii });

    private Task<int> CountAsync() => Api.CountRequestsAsync(Api.Norway, ApiServer.Anna);
}
