using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Configuration;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Sandbox.Teams;
using PrivacySync.Tests.Wiring;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The published app under the local Functions host on an Azurite of its own, with one legal entity whose Teams
/// channel is the sandbox's Workflows webhook sink, and one system (the HR REST simulator) holding the subject. The API
/// trusts the sandbox's Entra-like issuer; <see cref="Api"/> calls it as the Teams flow's identity does (role
/// PrivacySync.TeamsFlow), naming the responding officer by object id.
/// </summary>
public sealed class TeamsApp : IAsyncLifetime
{
    public const string Entity = "teams-no";

    /// <summary>An entity whose webhook setting is named but not set: its cards cannot be posted.</summary>
    public const string UnsetEntity = "teams-unset";
    public const string UnsetWebhookSetting = "TEAMS_TEST_UNSET_WEBHOOK";
    public const string Submitter = "anna.teams";
    public const string Approver = "bjorn.teams";
    public const string WebhookSetting = "TEAMS_TEST_WEBHOOK";
    public const string Flow = "privacy-office";
    public const string StatusBase = "https://privacysync-teams.example.net";

    private string folder = "";

    public PrivateAzurite Storage { get; private set; } = null!;

    public SimulatorHost Sink { get; private set; } = null!;

    public SimulatorHost HrRest { get; private set; } = null!;

    public AppHost Host { get; private set; } = null!;

    public AppServices Services { get; private set; } = null!;

    public EntraSandbox Entra { get; private set; } = null!;

    /// <summary>The API with the Teams flow identity's token.</summary>
    public HttpClient Api { get; private set; } = null!;

    public PrivacySyncOptions Configuration { get; private set; } = null!;

    /// <summary>The configuration document the app reads (PrivacySync:ConfigPath), for the command line beside it.</summary>
    public string ConfigPath { get; private set; } = "";

    public TeamsSinkStore Posts => Sink.Services.GetRequiredService<TeamsSinkStore>();

    public async ValueTask InitializeAsync()
    {
        var ct = CancellationToken.None;
        folder = Directory.CreateTempSubdirectory("privacysync-teams-").FullName;
        Sink = await SimulatorHost.StartAsync(SimulatorCatalog.Find("teams"), cancellationToken: ct);
        HrRest = await SimulatorHost.StartAsync(SimulatorCatalog.Find("hr"), cancellationToken: ct);
        Storage = await PrivateAzurite.StartAsync(ct);
        Entra = await EntraSandbox.StartAsync();
        foreach (var officer in new[] { Submitter, Approver })
        {
            await Entra.AddUserAsync(officer, ObjectId(officer), EntraSandbox.OfficerRole);
        }

        var document = Document();
        Configuration = PrivacySyncOptionsLoader.Parse(document.ToString()).Options!;
        var configPath = ConfigPath = Path.Combine(folder, "privacysync.json");
        await File.WriteAllTextAsync(configPath, document.ToString(), ct);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Storage.ConnectionString,
            ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true",
            ["PrivacySync:ConfigPath"] = configPath,
            ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
            ["PrivacySync:SubjectSalt"] = "teams-test-subject-salt-0123456789",
            ["PrivacySync:LinkSecret"] = "teams-test-link-secret-0123456789",
            ["PrivacySync:AuditKey"] = PrivacySync.Tests.Core.Support.TestAudit.Key,
            ["PrivacySync:PackageKey"] = PrivacySync.Tests.Core.Support.TestPackageKey.Value,
            ["PrivacySync:RetryBaseDelay"] = "00:00:00.500",
            ["PrivacySync:Teams:StatusBaseUrl"] = StatusBase,
            ["PrivacySync:Teams:RetryBaseDelay"] = "00:00:00.500",
            [WebhookSetting] = TeamsWebhookSink.WebhookUrl(Sink.BaseAddress, Flow),
            ["TEAMS_TEST_HR_KEY"] = Encoding.UTF8.GetString(HrRestSimulatorOptions.DefaultSigningKey),
        };
        foreach (var (key, value) in Entra.AppSettings)
        {
            settings[key] = value;
        }

        Services = new AppServices(settings);
        Host = await AppHost.StartAsync(settings, ct);
        Api = await Entra.ClientAsync(Host.BaseAddress, Entra.FlowTokenAsync());
    }

    /// <summary>The Entra object id of a test officer's account, as the configuration maps it (what a card's responder carries).</summary>
    public static string ObjectId(string officer) => RealSystems.ObjectId(officer);

    /// <summary>Seeds a person in the HR REST system (payroll retained, training erased); returns their email.</summary>
    public async Task<string> SeedSubjectAsync(string? employeeId = null)
    {
        var email = $"sigrid.{Guid.NewGuid():N}@example.com";
        await RealSystems.SeedHrRestSubjectAsync(HrRest.BaseAddress, email, TestContext.Current.CancellationToken, employeeId);
        return email;
    }

    public async Task<(HttpStatusCode Status, JObject Body)> SendAsync(HttpMethod method, string path, JObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Api.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? [] : JObject.Parse(text));
    }

    /// <summary>Waits for the card <paramref name="card"/> about <paramref name="requestId"/> at the sink; returns the posted card.</summary>
    public async Task<JObject> CardAsync(string card, string requestId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = Posts.Posts(Flow)
                .Select(p => p.Body["attachments"]![0]!)
                .FirstOrDefault(a => (string?)a["name"] == card && a["content"]!.ToString().Contains(requestId, StringComparison.Ordinal));
            if (found is not null)
            {
                return (JObject)found["content"]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {card} card for {requestId} reached the sink; posted: "
                + string.Join(", ", Posts.Posts(null).Select(p => (string?)p.Body["attachments"]![0]!["name"])) + Environment.NewLine + Host.Output);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>How many of the app's log lines so far hold <paramref name="line"/>.</summary>
    public int LogCount(string line) => Host.Output.Split(Environment.NewLine).Count(l => l.Contains(line, StringComparison.Ordinal));

    /// <summary>Waits until the app has logged <paramref name="line"/> (a part of a log line) <paramref name="times"/> times.</summary>
    public async Task LogLineAsync(string line, int times = 1, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (LogCount(line) < times)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the app did not log '{line}' {times} time(s):{Environment.NewLine}{Host.Output}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Services is not null) await Services.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
        if (HrRest is not null) await HrRest.DisposeAsync();
        if (Sink is not null) await Sink.DisposeAsync();
        if (Entra is not null) await Entra.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private JObject Document() => new()
    {
        ["LegalEntities"] = new JArray(EntityDocument(Entity, WebhookSetting), EntityDocument(UnsetEntity, UnsetWebhookSetting)),
        ["Systems"] = new JArray(new JObject
        {
            ["Id"] = "hr-api",
            ["Kind"] = "hr-rest",
            ["DisplayName"] = "HR system (Teams Testing)",
            ["EnabledRequestTypes"] = new JArray("access", "erasure"),
            ["Endpoint"] = HrRest.BaseAddress.ToString(),
            ["CredentialReference"] = "TEAMS_TEST_HR_KEY",
            ["Queue"] = "cloud",
            ["Categories"] = new JArray(new JObject
            {
                ["Name"] = "payroll", ["Purpose"] = "as the connector states", ["LegalBasis"] = "Art. 6(1)(c)", ["ErasureAction"] = "retain", ["RetentionRule"] = "bookkeeping-no",
            }),
        }),
        ["Retention"] = new JArray(new JObject { ["Name"] = "bookkeeping-no", ["Period"] = "P5Y", ["After"] = "fiscal-year-end", ["Exemption"] = "Art. 17(3)(b) (legal obligation to keep accounting records)" }),
        ["RequestDataRetentionDays"] = 90,
        ["Officers"] = new JArray(new[] { Submitter, Approver }.Select(o => new JObject { ["Id"] = o, ["ObjectId"] = ObjectId(o) })),
    };

    private static JObject EntityDocument(string id, string webhookSetting) => new()
    {
        ["Id"] = id,
        ["Name"] = "Teams Testing AS",
        ["Jurisdiction"] = "NO",
        ["SupervisoryAuthority"] = new JObject { ["Name"] = "Datatilsynet", ["Url"] = "https://www.datatilsynet.no" },
        ["PrivacyContact"] = "personvern@example.com",
        ["DefaultLanguage"] = "nb",
        ["ErasureRequiresSecondApproval"] = true,
        ["Officers"] = new JArray(Submitter, Approver),
        ["Teams"] = new JObject { ["WebhookReference"] = webhookSetting, ["SubjectOnCards"] = "initials" },
    };
}
