using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Entra;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The sandbox's Entra-like issuer over HTTP for a test: the API registration (the app's AzureAd settings), officer
/// accounts with the officer role, the Teams flow's identity, and real tokens from its token endpoint. <see cref="Sign"/>
/// makes tokens the endpoint would never issue (expired, another audience) with the issuer's own key.
/// </summary>
public sealed class EntraSandbox : IAsyncDisposable
{
    public const string ApiAudience = "api://privacysync-tests";
    public const string OfficerRole = "PrivacySync.Officer";
    public const string TeamsFlowRole = "PrivacySync.TeamsFlow";

    private readonly SimulatorHost host;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, (string Username, string Password)> accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<string>> tokens = new(StringComparer.Ordinal);

    private EntraSandbox(SimulatorHost host) => this.host = host;

    public Uri BaseAddress => host.BaseAddress;

    public string TenantId => host.Services.GetRequiredService<EntraSimulatorOptions>().TenantId;

    public string Issuer => $"{BaseAddress.AbsoluteUri.TrimEnd('/')}/{TenantId}/v2.0";

    public Uri TokenEndpoint => new($"{BaseAddress.AbsoluteUri.TrimEnd('/')}/{TenantId}/oauth2/v2.0/token");

    public string ApiClientId { get; } = Guid.NewGuid().ToString();

    public string ScriptClientId { get; } = Guid.NewGuid().ToString();

    public string FlowClientId { get; } = Guid.NewGuid().ToString();

    public string FlowClientSecret { get; } = "flow-secret-" + Guid.NewGuid().ToString("N");

    /// <summary>The app settings that make the API trust this issuer.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = BaseAddress.AbsoluteUri.TrimEnd('/') + "/",
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ApiClientId,
        ["AzureAd:Audience"] = ApiAudience,
    };

    public static async Task<EntraSandbox> StartAsync()
    {
        var sandbox = new EntraSandbox(await SimulatorHost.StartAsync(new EntraSimulator(), cancellationToken: TestContext.Current.CancellationToken));
        try
        {
            await sandbox.PostAsync("applications", new JObject
            {
                ["clientId"] = sandbox.ApiClientId, ["identifierUri"] = ApiAudience, ["displayName"] = "PrivacySync API (tests)",
                ["appRoles"] = new JArray(OfficerRole, TeamsFlowRole),
            });
            await sandbox.PostAsync("applications", new JObject { ["clientId"] = sandbox.ScriptClientId, ["displayName"] = "tests (public client)" });
            await sandbox.PostAsync("applications", new JObject
            {
                ["clientId"] = sandbox.FlowClientId, ["clientSecret"] = sandbox.FlowClientSecret, ["displayName"] = "Teams flow (tests)",
                ["appRoleAssignments"] = new JArray(new JObject { ["resource"] = ApiAudience, ["role"] = TeamsFlowRole }),
            });
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>An account named <paramref name="name"/> with object id <paramref name="objectId"/> and the given roles on the API.</summary>
    public async Task AddUserAsync(string name, string objectId, params string[] roles)
    {
        var account = ($"{name}@tests.example.com", "pw-" + Guid.NewGuid().ToString("N"));
        await PostAsync("users", new JObject
        {
            ["userPrincipalName"] = account.Item1, ["password"] = account.Item2, ["objectId"] = objectId, ["displayName"] = name,
            ["appRoleAssignments"] = new JArray(roles.Select(r => new JObject { ["resource"] = ApiAudience, ["role"] = r })),
        });
        accounts[name] = account;
    }

    /// <summary>The account's access token from the token endpoint (password grant), fetched once.</summary>
    public Task<string> UserTokenAsync(string name) => tokens.GetOrAdd("user:" + name, _ =>
    {
        var (username, password) = accounts[name];
        return RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = ScriptClientId, ["scope"] = ApiAudience + "/.default",
            ["username"] = username, ["password"] = password,
        });
    });

    /// <summary>The Teams flow identity's access token (client credentials).</summary>
    public Task<string> FlowTokenAsync() => tokens.GetOrAdd("flow", _ => RequestTokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = FlowClientId, ["client_secret"] = FlowClientSecret, ["scope"] = ApiAudience + "/.default",
    }));

    /// <summary>A token signed with the issuer's key: a valid officer token for <paramref name="objectId"/>, then <paramref name="change"/>.</summary>
    public string Sign(string objectId, Action<Dictionary<string, object>>? change = null)
    {
        var claims = EntraTokens.Claims(Issuer, TenantId, ApiClientId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
        claims["oid"] = objectId;
        claims["sub"] = objectId;
        claims["azp"] = ScriptClientId;
        claims["roles"] = new[] { OfficerRole };
        change?.Invoke(claims);
        return host.Services.GetRequiredService<EntraTokens>().Sign(claims);
    }

    public async Task<HttpClient> ClientAsync(Uri baseAddress, Task<string> token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    private async Task<string> RequestTokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(TokenEndpoint, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"the sandbox issuer refused a token: {text}");
        return (string)JObject.Parse(text)["access_token"]!;
    }

    private async Task PostAsync(string path, JObject body)
    {
        using var content = new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(BaseAddress, $"/sandbox/{TenantId}/{path}"), content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"sandbox {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }
}
