using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr.Rest;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HrRest;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>The HR REST contract over real HTTP against the sandbox "hr" simulator.</summary>
public sealed class HrRestContractTests : IAsyncLifetime
{
    private static readonly byte[] Key = HrRestSimulatorOptions.DefaultSigningKey;
    private readonly HttpClient http = new();
    private SimulatorHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await SimulatorHost.StartAsync(SimulatorCatalog.Find("hr"), cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task DiscoversASeededSubjectThroughSignedRequests()
    {
        var email = await SeedAsync(recordsPerCategory: 2);

        var result = await Connector().DiscoverAsync(new SubjectIdentity(email.ToUpperInvariant()), Ct);

        Assert.True(result.Found);
        Assert.Equal(["Payroll", "Training", "Absence"], result.Categories.Select(c => c.Name));
        Assert.All(result.Categories, c => Assert.Equal(2, c.RecordCount));
        Assert.False((await Connector().DiscoverAsync(new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com"), Ct)).Found);
    }

    [Fact]
    public async Task ExportFollowsTheCursorAcrossPages()
    {
        var email = await SeedAsync(recordsPerCategory: 100);

        var records = await Connector(pageSize: 70).ExportAsync(new SubjectIdentity(email), Ct).ToListAsync(Ct);

        Assert.Equal(300, records.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"row {i}"), records.Where(r => r.Category == "Training").Select(r => (string?)r.Fields["Note"]));
        Assert.Equal("2031-12-31", (string?)records.First(r => r.Category == "Payroll").Fields["Kept until"]);

        var first = await SendAsync("export", new JObject { ["operation"] = "export", ["subject"] = Subject(email), ["pageSize"] = 250 });
        var firstPage = JObject.Parse(await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal(250, ((JArray)firstPage["records"]!).Count);
        var last = await SendAsync("export", new JObject { ["operation"] = "export", ["subject"] = Subject(email), ["pageSize"] = 250, ["cursor"] = firstPage["nextCursor"] });
        var lastPage = JObject.Parse(await last.Content.ReadAsStringAsync(Ct));
        Assert.Equal(50, ((JArray)lastPage["records"]!).Count);
        Assert.Equal(JTokenType.Null, lastPage["nextCursor"]!.Type);
    }

    [Fact]
    public async Task RejectsAWrongSignatureWith401()
    {
        var email = await SeedAsync(recordsPerCategory: 1);

        var raw = await SendAsync("discover", new JObject { ["operation"] = "discover", ["subject"] = Subject(email) }, key: "wrong-key"u8.ToArray());
        var error = await Assert.ThrowsAsync<PermanentConnectorException>(() =>
            Connector(key: "wrong-key"u8.ToArray()).DiscoverAsync(new SubjectIdentity(email), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
        Assert.Contains("invalid_signature", await raw.Content.ReadAsStringAsync(Ct));
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain(email, error.Message);
    }

    [Fact]
    public async Task RejectsABodyChangedAfterSigning()
    {
        var email = await SeedAsync(recordsPerCategory: 1);
        var body = new JObject { ["operation"] = "discover", ["subject"] = Subject(email) }.ToString();
        var timestamp = HrRestSigning.Timestamp(DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("discover"))
        {
            Content = new StringContent(body.Replace(email, "other@example.com", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        var nonce = HrRestSigning.NewNonce();
        request.Headers.Add(HrRestSigning.TimestampHeader, timestamp);
        request.Headers.Add(HrRestSigning.NonceHeader, nonce);
        request.Headers.Add(HrRestSigning.SignatureHeader, HrRestSigning.Sign(Key, "POST", "/hr-privacy/v1/discover", "", null, timestamp, nonce, Encoding.UTF8.GetBytes(body)));

        var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RejectsTimestampsOutsideTheReplayWindowAndAcceptsSmallSkew()
    {
        var email = await SeedAsync(recordsPerCategory: 1);
        var subject = new SubjectIdentity(email);

        var stale = await SendAsync("discover", new JObject { ["operation"] = "discover", ["subject"] = Subject(email) }, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var future = await Assert.ThrowsAsync<PermanentConnectorException>(() =>
            Connector(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(6))).DiscoverAsync(subject, Ct));
        var skewed = await Connector(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-2))).DiscoverAsync(subject, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("stale_timestamp", await stale.Content.ReadAsStringAsync(Ct));
        Assert.Contains("stale_timestamp", future.Message);
        Assert.True(skewed.Found);
    }

    [Fact]
    public async Task ARequestSentAgainWithItsNonceIsRefusedInsideTheReplayWindow()
    {
        // Before, a captured request was accepted again for five minutes.
        var email = await SeedAsync(recordsPerCategory: 1);
        var body = new JObject { ["operation"] = "discover", ["subject"] = Subject(email) };
        var nonce = HrRestSigning.NewNonce();

        var first = await SendAsync("discover", body, nonce: nonce);
        var replayed = await SendAsync("discover", body, nonce: nonce);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("replayed_request", await replayed.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ASignatureCoversThePathAndTheIdempotencyKey()
    {
        // Before, only the timestamp and body were signed: the path and the key could be changed in transit.
        var email = await SeedAsync(recordsPerCategory: 1);
        var erase = new JObject { ["operation"] = "erase", ["subject"] = Subject(email) };

        var otherPath = await SendAsync("erase", erase, idempotencyKey: "task-1", signedRoute: "discover");
        var otherKey = await SendAsync("erase", erase, idempotencyKey: "task-2", signedKey: "task-1");

        Assert.Equal(HttpStatusCode.Unauthorized, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode);
        Assert.Contains("invalid_signature", await otherKey.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await ErasuresAsync());
    }

    [Theory]
    [InlineData("https://hr.internal.example.com", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://hr.internal.example.com", false)]
    [InlineData("ftp://hr.internal.example.com", false)]
    public void OnlyHttpsOrALoopbackAddressIsAcceptedAsTheBaseUrl(string endpoint, bool accepted) =>
        Assert.Equal(accepted, HrRestConnectorRules.IsSecure(endpoint));

    [Fact]
    public async Task ASignedDiscoverCannotBeReplayedAsAnErase()
    {
        var email = await SeedAsync(recordsPerCategory: 1);

        var replayed = await SendAsync("erase", new JObject { ["operation"] = "discover", ["subject"] = Subject(email) }, idempotencyKey: "task-1");

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("operation_mismatch", await replayed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await ErasuresAsync());
    }

    // The reported bug, for an HR system behind the REST contract.
    [Fact]
    public async Task AnUnknownAddressWithAnotherPersonsEmployeeIdIsAConflictAndErasesNothing()
    {
        var employeeId = $"E-{Guid.NewGuid():N}"[..10];
        await SeedAsync(recordsPerCategory: 2, employeeId);
        var subject = new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com", EmployeeId: employeeId);

        var resolution = await Connector().ResolveAsync(subject, Ct);
        await Assert.ThrowsAsync<IdentityConflictException>(() => Connector().EraseAsync(subject, "task-1", Ct));

        Assert.True(resolution.IsConflict);
        Assert.Equal([SubjectIdentifiers.EmployeeId], Assert.Single(resolution.Matches).MatchedBy);
        Assert.Equal(0, await ErasuresAsync());
    }

    [Fact]
    public async Task WhenTwoPeopleMatchOnlyTheConfirmedRecordIsExported()
    {
        var employeeId = $"E-{Guid.NewGuid():N}"[..10];
        var email = await SeedAsync(recordsPerCategory: 2);
        await SeedAsync(recordsPerCategory: 5, employeeId);
        var subject = new SubjectIdentity(email, EmployeeId: employeeId);

        var resolution = await Connector().ResolveAsync(subject, Ct);
        var mine = Assert.Single(resolution.Matches, m => m.MatchedBy.SequenceEqual([SubjectIdentifiers.Email])).Record;
        var records = await Connector().ExportAsync(subject with { ConfirmedRecords = [mine] }, Ct).ToListAsync(Ct);

        Assert.True(resolution.IsConflict);
        Assert.Equal(2, resolution.Matches.Count);
        Assert.Equal(3 * 2, records.Count);
        await Assert.ThrowsAsync<IdentityConflictException>(async () => await Connector().ExportAsync(subject, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task TheSameIdempotencyKeyReplaysTheStoredOutcomeWithoutErasingAgain()
    {
        var email = await SeedAsync(recordsPerCategory: 3);
        var subject = new SubjectIdentity(email);
        var key = $"req-{Guid.NewGuid():N}:hr";

        var sent = Subject(email);
        sent["records"] = new JArray(Assert.Single((await Connector().ResolveAsync(subject, Ct)).Matches).Record); // as the connector sends it
        var first = await Connector().EraseAsync(subject, key, Ct);
        var raw = await SendAsync("erase", new JObject { ["operation"] = "erase", ["subject"] = sent }, idempotencyKey: key);
        var retry = await Connector().EraseAsync(subject, key, Ct);

        Assert.Equal("true", raw.Headers.GetValues(HrRestSigning.ReplayedHeader).Single());
        Assert.Equal(first.Categories.Select(c => c with { RecordKeys = null }), retry.Categories.Select(c => c with { RecordKeys = null }));
        Assert.Equal(first.Categories.Select(c => string.Join(",", c.RecordKeys ?? [])), retry.Categories.Select(c => string.Join(",", c.RecordKeys ?? [])));
        Assert.Equal(3, Assert.Single(retry.Categories, c => c.Category == "Training").RecordCount);
        Assert.Equal(1, await ErasuresAsync());
    }

    [Fact]
    public async Task ReusingAKeyForADifferentSubjectIsRefused()
    {
        var first = await SeedAsync(recordsPerCategory: 1);
        var second = await SeedAsync(recordsPerCategory: 1);
        await Connector().EraseAsync(new SubjectIdentity(first), "task-shared", Ct);

        var reused = await SendAsync("erase", new JObject { ["operation"] = "erase", ["subject"] = Subject(second) }, idempotencyKey: "task-shared");
        var missing = await SendAsync("erase", new JObject { ["operation"] = "erase", ["subject"] = Subject(second) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("idempotency_key_reused", await reused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("missing_idempotency_key", await missing.Content.ReadAsStringAsync(Ct));
        Assert.True((await Connector().DiscoverAsync(new SubjectIdentity(second), Ct)).Categories.All(c => c.RecordCount == 1));
    }

    [Fact]
    public async Task EraseReportsEachCategorysOutcome()
    {
        var email = await SeedAsync(recordsPerCategory: 2);

        var outcome = await Connector().EraseAsync(new SubjectIdentity(email), Ct);

        var payroll = Assert.Single(outcome.Categories, c => c.Category == "Payroll");
        Assert.Equal(OutcomeKind.Retained, payroll.Kind);
        Assert.Equal(new DateOnly(2031, 12, 31), payroll.RetainedUntil);
        Assert.Equal("Bookkeeping law (Art. 17(3)(b))", payroll.LegalBasis);
        Assert.Equal(OutcomeKind.Erased, Assert.Single(outcome.Categories, c => c.Category == "Training").Kind);
        Assert.Equal(OutcomeKind.Anonymised, Assert.Single(outcome.Categories, c => c.Category == "Absence").Kind);
        var after = await Connector().DiscoverAsync(new SubjectIdentity(email), Ct);
        Assert.Equal(0, Assert.Single(after.Categories, c => c.Name == "Training").RecordCount);
    }

    [Fact]
    public async Task WhatAnErasureRetainedIsErasedByItsRecordIdsOnceItsRetentionHasEnded()
    {
        var email = await SeedAsync(recordsPerCategory: 2);
        var erased = await Connector().EraseAsync(new SubjectIdentity(email), Ct);
        var payroll = Assert.Single(erased.Categories, c => c.Category == "Payroll");
        var record = Assert.Single(payroll.RecordKeys!);
        Assert.Null(Assert.Single(erased.Categories, c => c.Category == "Training").RecordKeys); // only what is retained until a date
        var due = new RetainedRecords("Payroll", [record], new DateOnly(2031, 12, 31), payroll.LegalBasis, 2);

        // On its last retained day it is still kept, and said so with the date.
        var early = await Connector().EraseRetainedAsync([due], new DateOnly(2031, 12, 31), Ct);
        Assert.Equal((OutcomeKind.Retained, (DateOnly?)new DateOnly(2031, 12, 31)), (early.Categories[0].Kind, early.Categories[0].RetainedUntil));
        Assert.Equal(2, Assert.Single((await Connector().DiscoverAsync(new SubjectIdentity(email), Ct)).Categories, c => c.Name == "Payroll").RecordCount);

        var outcome = await Connector().EraseRetainedAsync([due], new DateOnly(2032, 1, 1), Ct);
        var again = await Connector().EraseRetainedAsync([due], new DateOnly(2032, 1, 1), Ct);

        Assert.Equal(("Payroll", OutcomeKind.Erased, 2L), (outcome.Categories[0].Category, outcome.Categories[0].Kind, outcome.Categories[0].RecordCount));
        Assert.Equal(0, Assert.Single((await Connector().DiscoverAsync(new SubjectIdentity(email), Ct)).Categories, c => c.Name == "Payroll").RecordCount);
        // The same night again (a rerun after a crash) replays the first answer: what it erased, not "not found".
        Assert.Equal((OutcomeKind.Erased, 2L), (again.Categories[0].Kind, again.Categories[0].RecordCount));
        // Another night finds nothing left.
        Assert.Equal(OutcomeKind.NotFound, (await Connector().EraseRetainedAsync([due], new DateOnly(2032, 1, 2), Ct)).Categories[0].Kind);
    }

    [Fact]
    public async Task EraseRetainedNamesNoSubjectAndNeedsItsRecordsAndAnIdempotencyKey()
    {
        var body = new JObject { ["operation"] = "erase-retained", ["records"] = new JArray("r1"), ["categories"] = new JArray("Payroll"), ["asOf"] = "2032-01-01" };
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("erase-retained", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("erase-retained", body, idempotencyKey: "retained-key-1")).StatusCode);
        var noRecords = (JObject)body.DeepClone();
        noRecords["records"] = new JArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("erase-retained", noRecords, idempotencyKey: "retained-key-2")).StatusCode);
        var badDate = (JObject)body.DeepClone();
        badDate["asOf"] = "01.01.2032";
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("erase-retained", badDate, idempotencyKey: "retained-key-3")).StatusCode);
    }

    [Fact]
    public async Task ThrottlingIsTransientAndCarriesRetryAfter()
    {
        var email = await SeedAsync(recordsPerCategory: 1);
        using var fault = new StringContent("""{"status":429,"retryAfter":7,"count":1}""", Encoding.UTF8, "application/json");
        (await http.PostAsync(Path("/sandbox/v1/faults"), fault, Ct)).EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<TransientConnectorException>(() => Connector().DiscoverAsync(new SubjectIdentity(email), Ct));
        var next = await Connector().DiscoverAsync(new SubjectIdentity(email), Ct);

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(next.Found);
    }

    private HrRestConnector Connector(int pageSize = 200, byte[]? key = null, TimeProvider? time = null) =>
        new(http, new HrRestOptions { BaseAddress = host.BaseAddress, SigningKey = key ?? Key, SystemName = "Sandbox HR", PageSize = pageSize },
            time ?? TimeProvider.System);

    private async Task<string> SeedAsync(int recordsPerCategory, string? employeeId = null)
    {
        var email = $"person.{Guid.NewGuid():N}@example.com";
        JArray Records(Func<int, JObject> make) => new(Enumerable.Range(0, recordsPerCategory).Select(make));
        var subject = new JObject
        {
            ["email"] = email,
            ["employeeId"] = employeeId,
            ["categories"] = new JArray
            {
                new JObject
                {
                    ["name"] = "Payroll", ["purpose"] = "Salary", ["legalBasis"] = "Legal obligation (Art. 6(1)(c))", ["erasure"] = "retain",
                    ["retainLegalBasis"] = "Bookkeeping law (Art. 17(3)(b))", ["retainedUntil"] = "2031-12-31",
                    ["records"] = Records(i => new JObject { ["Pay date"] = $"2025-{i % 12 + 1:D2}-25", ["Kept until"] = "2031-12-31" }),
                },
                new JObject
                {
                    ["name"] = "Training", ["purpose"] = "Competence", ["legalBasis"] = "Legitimate interest (Art. 6(1)(f))", ["erasure"] = "erase",
                    ["records"] = Records(i => new JObject { ["Note"] = $"row {i}" }),
                },
                new JObject
                {
                    ["name"] = "Absence", ["purpose"] = "Leave", ["legalBasis"] = "Legal obligation (Art. 6(1)(c))", ["erasure"] = "anonymise",
                    ["records"] = Records(i => new JObject { ["Days"] = i }),
                },
            },
        };
        using var content = new StringContent(subject.ToString(), Encoding.UTF8, "application/json");
        (await http.PostAsync(Path("/sandbox/v1/subjects"), content, Ct)).EnsureSuccessStatusCode();
        return email;
    }

    /// <param name="signedRoute">The route the signature covers (defaults to <paramref name="route"/>).</param>
    /// <param name="signedKey">The idempotency key the signature covers (defaults to <paramref name="idempotencyKey"/>).</param>
    private async Task<HttpResponseMessage> SendAsync(
        string route, JObject body, byte[]? key = null, DateTimeOffset? at = null, string? idempotencyKey = null, string? nonce = null,
        string? signedRoute = null, string? signedKey = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        var timestamp = HrRestSigning.Timestamp(at ?? DateTimeOffset.UtcNow);
        nonce ??= HrRestSigning.NewNonce();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(route)) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(HrRestSigning.TimestampHeader, timestamp);
        request.Headers.Add(HrRestSigning.NonceHeader, nonce);
        request.Headers.Add(HrRestSigning.SignatureHeader, HrRestSigning.Sign(
            key ?? Key, "POST", "/hr-privacy/v1/" + (signedRoute ?? route), "", signedKey ?? idempotencyKey, timestamp, nonce, bytes));
        if (idempotencyKey is not null) request.Headers.Add(HrRestSigning.IdempotencyKeyHeader, idempotencyKey);
        return await http.SendAsync(request, Ct);
    }

    private async Task<int> ErasuresAsync() =>
        (int)JObject.Parse(await http.GetStringAsync(Path("/sandbox/v1/stats"), Ct))["erasures"]!;

    private Uri Url(string route) => Path("/hr-privacy/v1/" + route);

    private Uri Path(string path) => new(host.BaseAddress, path);

    private static JObject Subject(string email) => new() { ["email"] = email };
}
