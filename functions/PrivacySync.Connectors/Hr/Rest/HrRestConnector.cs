using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>
/// Client of the HR REST contract (infra/hr-rest/openapi.yaml), Kind "hr-rest". Every request is signed; export
/// follows the cursor page by page, yielding records as each page arrives; erase sends an idempotency key so a retried
/// task never erases twice. What an erasure retained until a date is erased by record id once that date has passed
/// (<c>erase-retained</c>, contract 1.2).
/// </summary>
public sealed class HrRestConnector(HttpClient http, HrRestOptions options, TimeProvider timeProvider) : IConnector, IIdempotentEraser, IDeferredEraser
{
    public const string ConnectorKind = "hr-rest";

    public string Kind => ConnectorKind;

    /// <summary>
    /// Discover's <c>matches</c> (contract 1.1) say which record each identifier reached; the shared identity rule decides.
    /// A system that found the subject but does not say how cannot be trusted to act on one person only.
    /// </summary>
    public async Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var response = await SendAsync("discover", new JObject { ["subject"] = Subject(subject, null) }, null, cancellationToken);
        if (response["matches"] is not JArray matches)
        {
            return (bool?)response["found"] == true
                ? new IdentityResolution([], $"{options.SystemName} found the subject but did not report which records matched (contract 1.1 'matches')")
                : IdentityResolution.None;
        }

        return IdentityResolution.Resolve(
            matches.Children<JObject>().Select(m => new RecordMatch(
                (string?)m["record"] ?? "",
                (string?)m["kind"] ?? "person",
                (m["matchedBy"] as JArray ?? []).Values<string>().OfType<string>().Where(KnownIdentifiers.Contains).Distinct(StringComparer.Ordinal).ToList()))
                .Where(m => m.Record.Length > 0),
            subject);
    }

    private static readonly HashSet<string> KnownIdentifiers = new(StringComparer.Ordinal)
    {
        SubjectIdentifiers.Email, SubjectIdentifiers.AdditionalEmail, SubjectIdentifiers.EmployeeId, SubjectIdentifiers.NationalId,
        SubjectIdentifiers.Phone, SubjectIdentifiers.Name, SubjectIdentifiers.SystemId,
    };

    /// <summary>The records export and erase may touch: resolved first, and sent as <c>subject.records</c> so the system acts on no one else.</summary>
    private async Task<IReadOnlyList<string>> AcceptedRecordsAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        IdentityConflictException.ThrowIfConflict(await ResolveAsync(subject, cancellationToken)).Select(m => m.Record).ToList();

    public async Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var records = await AcceptedRecordsAsync(subject, cancellationToken);
        var response = await SendAsync("discover", new JObject { ["subject"] = Subject(subject, records) }, null, cancellationToken);
        var categories = (response["categories"] as JArray ?? []).Children<JObject>()
            .Select(c => new DataCategory(
                (string?)c["name"] ?? "",
                (long?)c["recordCount"] ?? 0,
                (string?)c["purpose"] ?? "",
                (string?)c["legalBasis"] ?? "",
                (string?)c["retention"]))
            .ToList();
        return new DiscoveryResult((bool?)response["found"] ?? categories.Count > 0, categories);
    }

    public async IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = await AcceptedRecordsAsync(subject, cancellationToken);
        string? cursor = null;
        do
        {
            var page = await SendAsync("export", new JObject { ["subject"] = Subject(subject, records), ["cursor"] = cursor, ["pageSize"] = options.PageSize },
                null, cancellationToken);
            foreach (var record in (page["records"] as JArray ?? []).Children<JObject>())
                yield return new ExportRecord(
                    (string?)record["category"] ?? "",
                    (string?)record["purpose"] ?? "",
                    (string?)record["legalBasis"] ?? "",
                    (string?)record["source"] ?? options.SystemName,
                    (string?)record["retention"],
                    record["fields"] as JObject ?? []);
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Erases with a key derived from the subject (stable across retries of the same request). Prefer
    /// <see cref="EraseAsync(SubjectIdentity, string, CancellationToken)"/> with the task id when the caller has one.
    /// </summary>
    public Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        EraseAsync(subject, DefaultIdempotencyKey(subject), cancellationToken);

    public async Task<SystemOutcome> EraseAsync(SubjectIdentity subject, string idempotencyKey, CancellationToken cancellationToken)
    {
        var records = await AcceptedRecordsAsync(subject, cancellationToken);
        var response = await SendAsync("erase", new JObject { ["subject"] = Subject(subject, records) }, idempotencyKey, cancellationToken);
        // The records acted on are kept with what was retained until a date: the nightly erasure names them, not the subject.
        var outcomes = (response["categories"] as JArray ?? []).Children<JObject>().Select(ToOutcome)
            .Select(c => c is { Kind: OutcomeKind.Retained, RetainedUntil: not null } && records.Count > 0 ? c with { RecordKeys = records } : c)
            .ToList();
        return new SystemOutcome(outcomes, (string?)response["note"]);
    }

    /// <summary>
    /// Sends the record ids an erasure retained, with the categories now due, to <c>erase-retained</c>. The idempotency
    /// key is derived from what is sent, so a rerun of the same night after a crash replays the first call's answer
    /// (what it erased), and the system erases nothing twice.
    /// </summary>
    public async Task<SystemOutcome> EraseRetainedAsync(IReadOnlyList<RetainedRecords> due, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var records = due.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var categories = due.Select(d => d.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (records.Count == 0)
        {
            return new SystemOutcome(
                [.. categories.Select(c => new CategoryOutcome(c, OutcomeKind.Failed, Reason: $"no {options.SystemName} record ids were kept for the retained category"))]);
        }

        var day = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = "retained-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", records) + "\n\n" + string.Join("\n", categories) + "\n\n" + day)))[..40];
        var response = await SendAsync(
            "erase-retained", new JObject { ["records"] = new JArray(records), ["categories"] = new JArray(categories), ["asOf"] = day }, key, cancellationToken);
        var outcomes = (response["categories"] as JArray ?? []).Children<JObject>().Select(ToOutcome).ToList();
        return new SystemOutcome(outcomes, (string?)response["note"] ?? $"Retention ended before {day}: {options.SystemName} erased what it held back.");
    }

    /// <summary>HR systems process no personal data for direct marketing; the contract has no objection operation.</summary>
    public Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Task.FromResult(new SystemOutcome([], $"{options.SystemName} is not used for direct marketing; nothing to stop"));

    /// <summary>
    /// The HR REST contract has discover, export and erase but no correction operation, so each declared field is a
    /// manual step in the system itself, naming the field where it is kept (never the new value).
    /// </summary>
    public async Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var identity = await ResolveAsync(subject, cancellationToken);
        var records = IdentityConflictException.ThrowIfConflict(identity);
        if (records.Count == 0)
        {
            return new SystemOutcome([.. corrections.Select(c => CategoryOutcome.NotFound(c.Category) with { Field = c.Field })], $"the subject was not found in {options.SystemName}");
        }

        var where = string.Join(", ", records.Select(r => r.Record));
        return new SystemOutcome(
            [.. corrections.Select(c => CategoryOutcome.ManualAction(
                c.Category,
                $"The HR REST contract has no correction operation: in {options.SystemName}, open record(s) {where} and set '{c.Target}' to the new value the subject gave for '{c.Field}'; then record the date here.")
                with { Field = c.Field })],
            $"{options.SystemName} takes corrections by hand (the HR REST contract has no rectify operation)");
    }

    /// <summary>
    /// The HR REST contract has no restriction operation, so holding (or resuming) processing is a manual step in the
    /// system itself, naming the records the subject's identifiers reach.
    /// </summary>
    public async Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken)
    {
        var identity = await ResolveAsync(subject, cancellationToken);
        var records = IdentityConflictException.ThrowIfConflict(identity);
        if (records.Count == 0)
        {
            return new SystemOutcome([], $"the subject was not found in {options.SystemName}");
        }

        var where = string.Join(", ", records.Select(r => r.Record));
        return new SystemOutcome(
            [CategoryOutcome.ManualAction(
                "restriction",
                step == RestrictionStep.Restrict
                    ? $"The HR REST contract has no restriction operation: in {options.SystemName}, mark record(s) {where} as restricted (GDPR Art. 18: stored, not otherwise processed) in every module that holds them; then record the date here."
                    : $"The HR REST contract has no restriction operation: in {options.SystemName}, clear the restriction mark on record(s) {where}; then record the date here.")],
            $"{options.SystemName} takes restrictions by hand (the HR REST contract has no restrict operation)");
    }

    private string DefaultIdempotencyKey(SubjectIdentity subject)
    {
        var text = string.Join("\n", subject.AllEmails.Select(e => e.ToLowerInvariant()).Order(StringComparer.Ordinal)) + "\n" + subject.EmployeeId;
        return "subject-" + Convert.ToHexStringLower(HMACSHA256.HashData(options.SigningKey, Encoding.UTF8.GetBytes("erase\n" + text)))[..32];
    }

    private async Task<JObject> SendAsync(string operation, JObject body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        body.AddFirst(new JProperty("operation", operation));
        var bytes = Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
        var timestamp = HrRestSigning.Timestamp(timeProvider.GetUtcNow());
        var root = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "hr-privacy/v1/" + operation));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var nonce = HrRestSigning.NewNonce();
        var uri = request.RequestUri!;
        request.Headers.Add(HrRestSigning.TimestampHeader, timestamp);
        request.Headers.Add(HrRestSigning.NonceHeader, nonce);
        request.Headers.Add(HrRestSigning.SignatureHeader, HrRestSigning.Sign(
            options.SigningKey, request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), idempotencyKey, timestamp, nonce, bytes));
        if (idempotencyKey is not null) request.Headers.Add(HrRestSigning.IdempotencyKeyHeader, idempotencyKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TransientConnectorException($"{options.SystemName} could not be reached ({e.HttpRequestError})", inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientConnectorException($"{options.SystemName} timed out", inner: e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode) return Parse(text) ?? throw new PermanentConnectorException($"{options.SystemName} answered {operation} with a body that is not JSON");
            throw Failure(operation, response, Parse(text));
        }
    }

    private Exception Failure(string operation, HttpResponseMessage response, JObject? body)
    {
        // Only the error code is kept: a system's message could carry personal data.
        var code = (string?)body?["error"]?["code"] ?? "no error code";
        var status = (int)response.StatusCode;
        var reason = $"{options.SystemName} refused {operation}: HTTP {status} ({code})";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                or HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout =>
                new TransientConnectorException(reason, RetryAfter(response)),
            HttpStatusCode.Unauthorized => new PermanentConnectorException(
                $"{reason}: the request signature was rejected; check the shared secret and this host's clock"),
            _ => new PermanentConnectorException(reason),
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry) return null;
        if (retry.Delta is { } delta) return delta;
        if (retry.Date is not { } date) return null;
        var wait = date - timeProvider.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static CategoryOutcome ToOutcome(JObject c)
    {
        var category = (string?)c["category"] ?? "";
        var kind = (string?)c["outcome"] switch
        {
            "erased" => OutcomeKind.Erased,
            "anonymised" => OutcomeKind.Anonymised,
            "pseudonymised" => OutcomeKind.Pseudonymised,
            "retained" => OutcomeKind.Retained,
            "notFound" => OutcomeKind.NotFound,
            "manualActionRequired" => OutcomeKind.ManualActionRequired,
            _ => OutcomeKind.Failed,
        };
        DateOnly? until = (string?)c["retainedUntil"] is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;
        var reason = (string?)c["reason"] ?? (kind == OutcomeKind.Failed && (string?)c["outcome"] is not "failed" ? $"unknown outcome '{(string?)c["outcome"]}'" : null);
        return new CategoryOutcome(category, kind, (long?)c["recordCount"] ?? 0, (string?)c["purpose"], (string?)c["legalBasis"], until,
            (string?)c["instructions"], reason);
    }

    private static JObject Subject(SubjectIdentity subject, IReadOnlyList<string>? records)
    {
        var json = new JObject { ["email"] = subject.Email };
        if (subject.AdditionalEmails is { Count: > 0 } more) json["additionalEmails"] = new JArray(more);
        if (subject.Name is not null) json["name"] = subject.Name;
        if (subject.Phone is not null) json["phone"] = subject.Phone;
        if (subject.EmployeeId is not null) json["employeeId"] = subject.EmployeeId;
        if (subject.SystemIds is { Count: > 0 } ids) json["systemIds"] = JObject.FromObject(ids);
        if (records is not null) json["records"] = new JArray(records);
        return json;
    }

    private static JObject? Parse(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
