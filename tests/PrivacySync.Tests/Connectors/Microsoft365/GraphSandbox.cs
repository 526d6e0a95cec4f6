using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Authentication.Azure;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Sandbox.Graph;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>
/// A Graph simulator on a free port, a seeding client with every permission, and connectors pointed at it through
/// the real SDK over HTTP. One per test: nothing is shared between tests.
/// </summary>
internal sealed class GraphSandbox : IAsyncDisposable
{
    public static readonly string[] AllRoles =
    [
        "User.ReadWrite.All", "GroupMember.Read.All", "Group.ReadWrite.All", "Mail.ReadWrite", "Calendars.ReadWrite",
        "Contacts.ReadWrite", "Files.ReadWrite.All", "eDiscovery.ReadWrite.All",
    ];

    private readonly SimulatorHost host;
    private readonly List<IDisposable> owned = [];

    private GraphSandbox(SimulatorHost host)
    {
        this.host = host;
        Tenant = host.Services.GetRequiredService<GraphTenant>();
        Ediscovery = host.Services.GetRequiredService<EdiscoveryStore>();
        Seed = new GraphServiceClient(
            new AzureIdentityAuthenticationProvider(new StaticTokenCredential(Tenant.IssueToken(AllRoles)), [host.BaseAddress.Host]), BaseUrl);
    }

    public GraphTenant Tenant { get; }

    public EdiscoveryStore Ediscovery { get; }

    /// <summary>Creates data through Graph's own creation endpoints.</summary>
    public GraphServiceClient Seed { get; }

    public Uri Origin => host.BaseAddress;

    public string BaseUrl => host.BaseAddress + "v1.0";

    public static async Task<GraphSandbox> StartAsync(GraphSimulatorOptions? options = null) =>
        new(await SimulatorHost.StartAsync(new GraphSimulator(options), cancellationToken: TestContext.Current.CancellationToken));

    public Microsoft365Options Options(Action<Microsoft365Options>? configure = null)
    {
        var options = new Microsoft365Options
        {
            TenantId = "7d4b1c2e-5f60-4a8b-9c0d-1e2f3a4b5c6d",
            ClientId = "00000000-0000-0000-0000-00000000a11c",
            BaseUrl = new Uri(BaseUrl),
            OperationPollInterval = TimeSpan.FromMilliseconds(10),
            MaxRetries = 3,
        };
        configure?.Invoke(options);
        return options;
    }

    public Microsoft365Connector Connector(Microsoft365Options options, params string[] roles)
    {
        var connector = new Microsoft365Connector(options, new StaticTokenCredential(Tenant.IssueToken(roles.Length == 0 ? AllRoles : roles)));
        owned.Add(connector);
        return connector;
    }

    public async Task<User> CreateUserAsync(string upn, bool enabled = true, string? name = null)
    {
        var user = await Seed.Users.PostAsync(new User
        {
            AccountEnabled = enabled,
            DisplayName = name ?? upn.Split('@')[0],
            MailNickname = upn.Split('@')[0],
            UserPrincipalName = upn,
            Mail = upn,
            JobTitle = "Consultant",
            PasswordProfile = new PasswordProfile { Password = "S1mulated-only!", ForceChangePasswordNextSignIn = true },
        }, cancellationToken: TestContext.Current.CancellationToken);
        return user!;
    }

    /// <summary>Bulk seeding straight into the tenant, through the same code path as POST /users/{id}/messages.</summary>
    public JObject AddMessage(string mailbox, string from, string[] to, DateTimeOffset received, string subject = "Hello", string[]? cc = null, string body = "text")
    {
        return Tenant.AddMessage(mailbox, new JObject
        {
            ["subject"] = subject,
            ["from"] = Recipient(from),
            ["toRecipients"] = new JArray(to.Select(Recipient)),
            ["ccRecipients"] = new JArray((cc ?? []).Select(Recipient)),
            ["receivedDateTime"] = received.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["body"] = new JObject { ["contentType"] = "text", ["content"] = body },
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }

        Seed.Dispose();
        await host.DisposeAsync();
    }

    private static JObject Recipient(string address) =>
        new() { ["emailAddress"] = new JObject { ["address"] = address, ["name"] = address.Split('@')[0] } };
}
