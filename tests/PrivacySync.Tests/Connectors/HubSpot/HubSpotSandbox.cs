using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HubSpot;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>
/// A HubSpot simulator on a free port, seeded through HubSpot's own API with a separate "seed" token (rate limits
/// are per token, so seeding does not eat the connector's budget), and connectors wired the production way.
/// </summary>
internal sealed class HubSpotSandbox : IAsyncDisposable
{
    public const string ConnectorToken = "connector-private-app-token";
    public const string SeedToken = "seed-private-app-token";

    private readonly SimulatorHost host;
    private readonly HttpClient http;
    private readonly List<IDisposable> disposables = [];

    private HubSpotSandbox(SimulatorHost host, HubSpotSandboxOptions options)
    {
        this.host = host;
        Options = options;
        http = new HttpClient { BaseAddress = new Uri(host.BaseAddress, "/") };
    }

    public HubSpotSandboxOptions Options { get; }

    public Uri BaseAddress => host.BaseAddress;

    public SandboxStats Stats => host.Services.GetRequiredService<SandboxStats>();

    /// <param name="clock">Drives the simulator's rate-limit windows and daily budget; the real clock when null.</param>
    public static async Task<HubSpotSandbox> StartAsync(Action<HubSpotSandboxOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new HubSpotSandboxOptions { AccessTokens = [ConnectorToken, SeedToken] };
        configure?.Invoke(options);
        var host = await SimulatorHost.StartAsync(
            new HubSpotSimulator(options),
            configure: clock is null ? null : services => services.AddSingleton(clock),
            cancellationToken: TestContext.Current.CancellationToken);
        return new HubSpotSandbox(host, options);
    }

    /// <summary>A connector for this sandbox, assembled as <see cref="HubSpotConnectorKind"/> does (one limiter and counter per account).</summary>
    public HubSpotConnector Connector(Action<HubSpotOptions>? configure = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var settings = new HubSpotOptions
        {
            BaseUrl = host.BaseAddress,
            AccessToken = ConnectorToken,
            BaseRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(settings);
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var loggers = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) b.AddProvider(logs);
        });
        var limiter = new HubSpotRateLimiter(options);
        var client = new HttpClient();
        disposables.AddRange([loggers, limiter, client]);
        var clock = time ?? TimeProvider.System;
        return new HubSpotConnector(
            new HubSpotClient(client, options, limiter, new HubSpotCallCounter(), clock, loggers.CreateLogger<HubSpotClient>()),
            options,
            clock,
            loggers.CreateLogger<HubSpotConnector>());
    }

    public async Task<(HttpStatusCode Status, JObject? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, JToken? body = null, string? token = SeedToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.StartsWith('{') ? JObject.Parse(text) : null, response);
    }

    public async Task<JObject> OkAsync(HttpMethod method, string path, JToken? body = null)
    {
        var (status, json, _) = await SendAsync(method, path, body);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path} answered {(int)status}: {json}");
        return json ?? [];
    }

    /// <summary>POST /crm/v3/objects/{type} with properties and associations (HubSpot-defined type ids).</summary>
    public async Task<string> CreateAsync(string objectType, object properties, params (int TypeId, string ToId)[] associations)
    {
        var body = new JObject
        {
            ["properties"] = JObject.FromObject(properties),
            ["associations"] = new JArray(associations.Select(a => new JObject
            {
                ["to"] = new JObject { ["id"] = a.ToId },
                ["types"] = new JArray(new JObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = a.TypeId }),
            })),
        };
        return (await OkAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}", body))["id"]!.ToString();
    }

    /// <summary>POST /crm/v3/objects/{type}/batch/create in chunks of 100.</summary>
    public async Task<IReadOnlyList<string>> CreateManyAsync(string objectType, IEnumerable<JObject> inputs)
    {
        var ids = new List<string>();
        foreach (var chunk in inputs.Chunk(100))
        {
            var result = await OkAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}/batch/create", new JObject { ["inputs"] = new JArray(chunk) });
            ids.AddRange(result["results"]!.Select(r => r["id"]!.ToString()));
        }

        return ids;
    }

    public static JObject Input(object properties, params (int TypeId, string ToId)[] associations) => new()
    {
        ["properties"] = JObject.FromObject(properties),
        ["associations"] = new JArray(associations.Select(a => new JObject
        {
            ["to"] = new JObject { ["id"] = a.ToId },
            ["types"] = new JArray(new JObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = a.TypeId }),
        })),
    };

    public async Task<string> CreateFormAsync(string name) =>
        (await OkAsync(HttpMethod.Post, "marketing/v3/forms", new JObject { ["name"] = name, ["formType"] = "hubspot" }))["id"]!.ToString();

    public Task<JObject> SubmitFormAsync(string formId, string pageName, params (string Name, string Value)[] fields) =>
        OkAsync(HttpMethod.Post, $"submissions/v3/integration/secure/submit/{Options.PortalId}/{formId}", new JObject
        {
            ["fields"] = new JArray(fields.Select(f => new JObject { ["objectTypeId"] = "0-1", ["name"] = f.Name, ["value"] = f.Value })),
            ["context"] = new JObject { ["pageUri"] = "https://www.example.test/" + pageName, ["pageName"] = pageName },
        });

    public Task<JObject> SubscribeAsync(string email, string subscriptionId, string legalBasis = "CONSENT_WITH_NOTICE") =>
        OkAsync(HttpMethod.Post, "communication-preferences/v3/subscribe", new JObject
        {
            ["emailAddress"] = email,
            ["subscriptionId"] = subscriptionId,
            ["legalBasis"] = legalBasis,
            ["legalBasisExplanation"] = "Signed up for the newsletter on the website",
        });

    public Task<JObject> SetFaultsAsync(object settings) => OkAsync(HttpMethod.Put, "__sandbox/faults", JObject.FromObject(settings));

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in disposables) disposable.Dispose();
        http.Dispose();
        await host.DisposeAsync();
    }
}
