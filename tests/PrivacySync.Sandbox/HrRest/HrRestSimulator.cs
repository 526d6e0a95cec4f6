using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Sandbox.HrRest;

/// <summary>
/// An internal HR system implementing infra/hr-rest/openapi.yaml: signed discover / export (paged) / erase with
/// idempotency keys, erase-retained (contract 1.2), plus sandbox-only routes to seed subjects and inject faults (status, Retry-After, delay).
/// </summary>
public sealed class HrRestSimulator : ISimulator
{
    private const string Prefix = "/hr-privacy/v1";

    public string Name => "hr";

    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(new HrRestSimulatorOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HrRestStore>();
        services.AddSingleton<NonceCache>();
    }

    public void Map(WebApplication app)
    {
        app.MapPost(Prefix + "/discover", context => Signed(context, "discover", Discover));
        app.MapPost(Prefix + "/export", context => Signed(context, "export", Export));
        app.MapPost(Prefix + "/erase", context => Signed(context, "erase", Erase));
        app.MapPost(Prefix + "/erase-retained", context => Signed(context, "erase-retained", EraseRetained));

        app.MapPost("/sandbox/v1/subjects", async context =>
        {
            var body = ParseObject(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
            var id = context.RequestServices.GetRequiredService<HrRestStore>().Seed(body);
            await Json(context, StatusCodes.Status201Created, new JObject { ["id"] = id });
        });
        app.MapPost("/sandbox/v1/faults", async context =>
        {
            var body = ParseObject(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
            context.RequestServices.GetRequiredService<HrRestStore>().AddFaults(
                new HrRestFault((int?)body["status"] ?? 503, (int?)body["retryAfter"] ?? 1, Math.Max(0, (int?)body["delayMs"] ?? 0)),
                (int?)body["count"] ?? 1);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        app.MapGet("/sandbox/v1/stats", context =>
            Json(context, 200, new JObject { ["erasures"] = context.RequestServices.GetRequiredService<HrRestStore>().ErasuresExecuted }));
    }

    /// <summary>Waits out a fault's delay; false when the caller gave up first (nothing more to answer).</summary>
    private static async Task<bool> DelayAsync(HrRestFault fault, HttpContext context)
    {
        try
        {
            await Task.Delay(fault.DelayMs, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task Signed(HttpContext context, string operation, Func<HttpContext, JObject, byte[], Task> handler)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<HrRestSimulatorOptions>();
        var store = services.GetRequiredService<HrRestStore>();
        if (store.NextFault() is { } fault)
        {
            if (!await DelayAsync(fault, context))
            {
                return; // the caller gave up waiting: nothing it asked for happens
            }

            if (fault.Status != 0)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(context, fault.Status, fault.Status == 429 ? "throttled" : "unavailable", "injected fault");
                return;
            }
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var signed = new SignedRequest(
            context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value?.TrimStart('?') ?? "",
            headers["Idempotency-Key"].FirstOrDefault(), headers[HrRestSignature.TimestampHeader].FirstOrDefault(),
            headers[HrRestSignature.NonceHeader].FirstOrDefault(), headers[HrRestSignature.SignatureHeader].FirstOrDefault(), body);
        var problem = HrRestSignature.Verify(
            options.SigningKey, signed, services.GetRequiredService<TimeProvider>().GetUtcNow(), options.ReplayWindow, services.GetRequiredService<NonceCache>());
        if (problem is not null)
        {
            var message = problem switch
            {
                "stale_timestamp" => "timestamp outside the replay window",
                "replayed_request" => "this nonce was already used",
                _ => "signature does not match",
            };
            await Error(context, 401, problem, message);
            return;
        }

        JObject request;
        try
        {
            request = ParseObject(Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            await Error(context, 400, "bad_request", "body is not a JSON object");
            return;
        }

        if ((string?)request["operation"] != operation)
        {
            await Error(context, 400, "operation_mismatch", $"this route only accepts operation '{operation}'");
            return;
        }

        // erase-retained names records, never a subject.
        if (operation != "erase-retained" && (request["subject"] is not JObject { } subject || (string?)subject["email"] is null))
        {
            await Error(context, 400, "bad_request", "subject.email is required");
            return;
        }

        await handler(context, request, body);
    }

    private static Task Discover(HttpContext context, JObject request, byte[] body)
    {
        var matches = context.RequestServices.GetRequiredService<HrRestStore>().Matches((JObject)request["subject"]!);
        var found = matches.Select(m => m.Subject).ToList();
        var categories = new JArray(found.SelectMany(s => s.Categories.Children<JObject>()).Select(c => new JObject
        {
            ["name"] = c["name"],
            ["recordCount"] = (c["records"] as JArray)?.Count ?? 0,
            ["purpose"] = c["purpose"],
            ["legalBasis"] = c["legalBasis"],
            ["retention"] = c["retention"],
        }));
        var matched = new JArray(matches.Select(m => new JObject
        {
            ["record"] = m.Subject.Id,
            ["kind"] = "person",
            ["matchedBy"] = new JArray(m.MatchedBy),
        }));
        return Json(context, 200, new JObject { ["found"] = found.Count > 0, ["categories"] = categories, ["matches"] = matched });
    }

    private static async Task Export(HttpContext context, JObject request, byte[] body)
    {
        var options = context.RequestServices.GetRequiredService<HrRestSimulatorOptions>();
        var pageSize = (int?)request["pageSize"] ?? 100;
        if (pageSize < 1 || pageSize > options.MaxPageSize)
        {
            await Error(context, 400, "bad_request", $"pageSize must be 1..{options.MaxPageSize}");
            return;
        }

        var offset = 0;
        if ((string?)request["cursor"] is { } cursor && !TryDecodeCursor(cursor, out offset))
        {
            await Error(context, 400, "bad_cursor", "cursor is not valid");
            return;
        }

        var records = context.RequestServices.GetRequiredService<HrRestStore>().Find((JObject)request["subject"]!)
            .SelectMany(s => s.Categories.Children<JObject>())
            .SelectMany(c => ((c["records"] as JArray) ?? []).Children<JObject>().Select(r => new JObject
            {
                ["category"] = c["name"],
                ["purpose"] = c["purpose"],
                ["legalBasis"] = c["legalBasis"],
                ["source"] = "Sandbox HR system",
                ["retention"] = c["retention"],
                ["fields"] = r.DeepClone(),
            }))
            .ToList();
        var page = records.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count < records.Count ? EncodeCursor(offset + page.Count) : null;
        await Json(context, 200, new JObject { ["records"] = new JArray(page), ["nextCursor"] = next });
    }

    private static Task Erase(HttpContext context, JObject request, byte[] body) =>
        Idempotent(context, "erase", request, store => store.Erase((JObject)request["subject"]!));

    /// <summary>Contract 1.2: the held-back data of named records and categories, once their retention has ended by asOf.</summary>
    private static async Task EraseRetained(HttpContext context, JObject request, byte[] body)
    {
        var records = (request["records"] as JArray)?.Values<string>().OfType<string>().ToList() ?? [];
        var categories = (request["categories"] as JArray)?.Values<string>().OfType<string>().ToList() ?? [];
        if (records.Count == 0 || categories.Count == 0
            || !DateOnly.TryParseExact((string?)request["asOf"], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf))
        {
            await Error(context, 400, "bad_request", "erase-retained needs records, categories and asOf (yyyy-MM-dd)");
            return;
        }

        await Idempotent(context, "erase-retained", request, store => store.EraseRetained(records, categories, asOf));
    }

    private static async Task Idempotent(HttpContext context, string operation, JObject request, Func<HrRestStore, JObject> act)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            await Error(context, 400, "missing_idempotency_key", $"{operation} needs an Idempotency-Key header");
            return;
        }

        var store = context.RequestServices.GetRequiredService<HrRestStore>();
        // Bodies are compared as JSON (whitespace does not matter), the way the contract defines "the same body".
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.ToString(Formatting.None))));
        var entry = store.Claim(key, hash, out var isNew);
        if (!isNew)
        {
            if (entry.BodyHash != hash)
                await Error(context, 422, "idempotency_key_reused", "this idempotency key was used with a different body");
            else if (entry.Response is null)
                await Error(context, 409, "idempotency_key_in_progress", "the first request with this key is still running");
            else
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await Text(context, 200, entry.Response);
            }

            return;
        }

        try
        {
            var response = act(store).ToString(Formatting.None);
            store.Complete(entry, response);
            await Text(context, 200, response);
        }
        catch
        {
            store.Abandon(key);
            throw;
        }
    }

    // Dates stay strings: the contract's dates are "yyyy-MM-dd" text and must round-trip unchanged.
    private static JObject ParseObject(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new JObject { ["error"] = new JObject { ["code"] = code, ["message"] = message } });

    private static Task Json(HttpContext context, int status, JObject body) => Text(context, status, body.ToString(Formatting.None));

    private static async Task Text(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
