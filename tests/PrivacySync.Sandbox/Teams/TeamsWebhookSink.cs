using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Sandbox.Teams;

/// <summary>
/// A Teams Workflows "When a Teams webhook request is received" trigger: POST
/// /workflows/{flow}/triggers/manual/paths/invoke takes a message whose attachments are Adaptive Cards and answers
/// 202 Accepted, as the trigger does; anything else is 400 with the reason. It records what was posted, for tests and
/// the demo, and can answer the next posts with a fault (429 with Retry-After, 5xx).
/// </summary>
public sealed class TeamsWebhookSink : ISimulator
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string Name => "teams";

    /// <summary>The webhook URL of <paramref name="flow"/> on a sink at <paramref name="baseAddress"/> (the real ones carry a signature too).</summary>
    public static string WebhookUrl(Uri baseAddress, string flow) =>
        $"{baseAddress.ToString().TrimEnd('/')}/workflows/{Uri.EscapeDataString(flow)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=sandbox";

    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<TeamsSinkStore>();

    public void Map(WebApplication app)
    {
        app.MapPost("/workflows/{flow}/triggers/manual/paths/invoke", async (HttpContext context, string flow) =>
        {
            var store = context.RequestServices.GetRequiredService<TeamsSinkStore>();
            var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            if (store.NextFault() is { } fault)
            {
                store.RecordRefused(flow);
                if (fault.RetryAfterSeconds > 0)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Error(context, fault.Status, "TooManyRequests", "the sandbox was told to refuse this post");
                return;
            }

            if (Problem(text) is { } problem)
            {
                await Error(context, StatusCodes.Status400BadRequest, "InvalidRequestContent", problem);
                return;
            }

            store.Record(flow, JObject.Parse(text));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        app.MapGet("/sandbox/teams/posts", async context =>
        {
            var store = context.RequestServices.GetRequiredService<TeamsSinkStore>();
            var flow = context.Request.Query["flow"].ToString();
            var posts = new JArray(store.Posts(flow.Length == 0 ? null : flow).Select(p => p.ToJson()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JObject { ["posts"] = posts, ["refused"] = store.Refused }.ToString(Formatting.None), context.RequestAborted);
        });
        app.MapPost("/sandbox/teams/faults", async context =>
        {
            var body = JObject.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
            context.RequestServices.GetRequiredService<TeamsSinkStore>().AddFaults(
                new TeamsSinkFault((int?)body["status"] ?? 429, (int?)body["retryAfter"] ?? 1), (int?)body["count"] ?? 1);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    /// <summary>Why the trigger would refuse the body, or null when it is a message of Adaptive Cards.</summary>
    public static string? Problem(string text)
    {
        JObject body;
        try
        {
            body = JObject.Parse(text);
        }
        catch (JsonReaderException)
        {
            return "the body is not a JSON object";
        }

        if ((string?)body["type"] != "message")
        {
            return "'type' must be 'message'";
        }

        if (body["attachments"] is not JArray { Count: > 0 } attachments)
        {
            return "'attachments' must be a non-empty array";
        }

        foreach (var attachment in attachments)
        {
            if ((string?)attachment["contentType"] != AdaptiveCardContentType)
            {
                return $"each attachment's 'contentType' must be '{AdaptiveCardContentType}'";
            }

            if (attachment["content"] is not JObject card || (string?)card["type"] != "AdaptiveCard" || card["version"] is null)
            {
                return "each attachment's 'content' must be an Adaptive Card (type 'AdaptiveCard' with a version)";
            }
        }

        return null;
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JObject { ["error"] = new JObject { ["code"] = code, ["message"] = message } }.ToString(Formatting.None));
    }
}

/// <summary>One accepted post.</summary>
public sealed record TeamsSinkPost(int Sequence, string Flow, DateTimeOffset ReceivedAt, JObject Body)
{
    public JObject ToJson() => new() { ["sequence"] = Sequence, ["flow"] = Flow, ["receivedAt"] = ReceivedAt.ToString("O"), ["body"] = Body };
}

public sealed record TeamsSinkFault(int Status, int RetryAfterSeconds);

/// <summary>What the sink received, in order.</summary>
public sealed class TeamsSinkStore
{
    private readonly Lock gate = new();
    private readonly List<TeamsSinkPost> posts = [];
    private readonly Queue<TeamsSinkFault> faults = new();

    public int Refused { get; private set; }

    public void Record(string flow, JObject body)
    {
        lock (gate)
        {
            posts.Add(new TeamsSinkPost(posts.Count + 1, flow, DateTimeOffset.UtcNow, body));
        }
    }

    public void RecordRefused(string flow)
    {
        lock (gate)
        {
            Refused++;
        }
    }

    public IReadOnlyList<TeamsSinkPost> Posts(string? flow)
    {
        lock (gate)
        {
            return posts.Where(p => flow is null || p.Flow == flow).ToList();
        }
    }

    public void AddFaults(TeamsSinkFault fault, int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Enqueue(fault);
            }
        }
    }

    public TeamsSinkFault? NextFault()
    {
        lock (gate)
        {
            return faults.TryDequeue(out var fault) ? fault : null;
        }
    }
}
