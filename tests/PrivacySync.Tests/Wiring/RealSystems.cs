using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.Hr.Sample;
using PrivacySync.Core.Certificates;
using PrivacySync.Functions.Functions;
using PrivacySync.Functions.Worker;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Tests.Hr;
using PrivacySync.Tests.HubSpot;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Microsoft365;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// The four real connector kinds against real parts: the HubSpot, Graph and HR REST simulators over HTTP and an
/// HR SQLite database with the sample schema, all holding one person; and the function app in worker mode (all
/// queues, HTTP with a function key) on Azurite, configured the production way — a configuration file naming the
/// systems, secrets in app settings.
/// </summary>
internal sealed class RealSystems : IAsyncDisposable
{
    public const string FunctionKey = "wiring-function-key";
    public const string Submitter = "anna.officer";
    public const string Approver = "bjorn.officer";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private readonly string folder;

    private RealSystems(string folder, HubSpotSandbox hubSpot, GraphSandbox graph, SimulatorHost hrRest, HrTestDatabase hrDatabase)
    {
        this.folder = folder;
        HubSpot = hubSpot;
        Graph = graph;
        HrRest = hrRest;
        HrDatabase = hrDatabase;
    }

    public HubSpotSandbox HubSpot { get; }

    public GraphSandbox Graph { get; }

    public SimulatorHost HrRest { get; }

    public HrTestDatabase HrDatabase { get; }

    public string Email { get; } = $"ingrid.{Guid.NewGuid():N}@example.com";

    public HrSeededEmployee Employee { get; private set; } = null!;

    public string ContactId { get; private set; } = "";

    public string DealId { get; private set; } = "";

    public string GraphUserId { get; private set; } = "";

    public WorkerHost Worker { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public static async Task<RealSystems> StartAsync(AzuriteFixture azurite)
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-real-").FullName;
        var systems = new RealSystems(
            folder,
            await HubSpotSandbox.StartAsync(),
            await GraphSandbox.StartAsync(),
            await SimulatorHost.StartAsync(SimulatorCatalog.Find("hr"), cancellationToken: TestContext.Current.CancellationToken),
            await HrTestDatabase.CreateAsync("sqlite"));
        await systems.SeedAsync();
        await systems.StartWorkerAsync(azurite);
        return systems;
    }

    /// <summary>Submits the Teams form's JSON to POST /api/requests; returns the request id (asserting 202).</summary>
    public async Task<(string RequestId, string Status)> SubmitAsync(string requestType)
    {
        var body = await SendAsync(HttpMethod.Post, "/api/requests", new JObject
        {
            ["requestType"] = requestType,
            ["subjectName"] = $"{Employee.FirstName} {Employee.LastName}",
            ["subjectEmail"] = Email,
            ["legalEntity"] = "wiring-no",
            ["language"] = "en",
            ["receivedOn"] = Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["identityVerification"] = "bankid",
            ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
            ["submittedBy"] = Submitter,
        }, HttpStatusCode.Accepted);
        return ((string)body["requestId"]!, (string)body["status"]!);
    }

    public Task<JObject> DecideAsync(string requestId, string decision, string officer) =>
        SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", new JObject { ["decision"] = decision, ["officer"] = officer }, HttpStatusCode.OK);

    /// <summary>Polls GET /api/requests/{id} until the request is completed (with or without exceptions).</summary>
    public async Task<JObject> WaitForCompletionAsync(string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var request = await SendAsync(HttpMethod.Get, $"/api/requests/{requestId}", null, HttpStatusCode.OK);
            var status = (string?)request["status"];
            if (status is "completed" or "completed-with-exceptions" or "rejected")
            {
                return request;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request {requestId} did not complete: {request}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>An output through its expiring link (anonymous, as a browser follows it).</summary>
    public async Task<byte[]> DownloadAsync(string link)
    {
        using var anonymous = new HttpClient { BaseAddress = Worker.HttpAddress };
        using var response = await anonymous.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public async Task<JObject> SendAsync(HttpMethod method, string path, JObject? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Api.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }

    public T Service<T>()
        where T : notnull => Worker.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        await HubSpot.DisposeAsync();
        await Graph.DisposeAsync();
        await HrRest.DisposeAsync();
        await HrDatabase.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>One person, through each system's own creation API (or the HR generator).</summary>
    private async Task SeedAsync()
    {
        // HubSpot: the contact, a deal (a business record) and two engagements that concern only them.
        ContactId = await HubSpot.CreateAsync("contacts", new { email = Email, firstname = "Ingrid", lastname = "Wiring", phone = "+47 900 00 001" });
        DealId = await HubSpot.CreateAsync("deals", new { dealname = "Framework agreement", dealstage = "closedwon", amount = "120000" }, (3, ContactId));
        await HubSpot.CreateAsync("emails", new { hs_timestamp = "2026-02-02T09:00:00Z", hs_email_subject = "Offer", hs_email_text = "Our offer", hs_email_direction = "EMAIL" }, (198, ContactId));
        await HubSpot.CreateAsync("calls", new { hs_timestamp = "2026-02-03T09:00:00Z", hs_call_title = "Follow-up", hs_call_body = "Discussed scope" }, (194, ContactId));

        // Microsoft 365: a former employee (account disabled) with mail in their mailbox.
        var user = await Graph.CreateUserAsync(Email, enabled: false, name: "Ingrid Wiring");
        GraphUserId = user.Id!;
        Graph.AddMessage(Email, "customer@example.com", [Email], DateTimeOffset.UtcNow.AddDays(-30), "Project status");

        // HR database: left two years ago; one payslip past the bookkeeping period, one within it; a training.
        Employee = await HrDatabase.SeedEmployeeAsync(new HrSampleEmployee
        {
            Email = Email,
            EmploymentStart = Today.AddYears(-12),
            EmploymentEnd = Today.AddYears(-2),
            PayDates = [Today.AddYears(-9), Today.AddYears(-2).AddMonths(-1)],
            TrainingsCompleted = [Today.AddYears(-4)],
        });

        // HR REST system: payroll retained by law, training erased.
        using var http = new HttpClient();
        using var content = new StringContent(new JObject
        {
            ["email"] = Email,
            ["categories"] = new JArray
            {
                new JObject
                {
                    ["name"] = "Payroll", ["purpose"] = "Salary", ["legalBasis"] = "Legal obligation (Art. 6(1)(c))", ["erasure"] = "retain",
                    ["retainLegalBasis"] = "Bookkeeping law (Art. 17(3)(b))", ["retainedUntil"] = "2031-12-31",
                    ["records"] = new JArray(new JObject { ["Pay date"] = "2025-06-25" }),
                },
                new JObject
                {
                    ["name"] = "Training", ["purpose"] = "Competence", ["legalBasis"] = "Legitimate interest (Art. 6(1)(f))", ["erasure"] = "erase",
                    ["records"] = new JArray(new JObject { ["Course"] = "Privacy basics" }),
                },
            },
        }.ToString(), Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri(HrRest.BaseAddress, "/sandbox/v1/subjects"), content, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    private async Task StartWorkerAsync(AzuriteFixture azurite)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "hr.mapping.json"), HrSample.MappingJson, TestContext.Current.CancellationToken);
        var configPath = Path.Combine(folder, "privacysync.json");
        await File.WriteAllTextAsync(configPath, Configuration().ToString(), TestContext.Current.CancellationToken);
        Worker = WorkerHost.Create(new WorkerHostOptions
        {
            ScriptRoot = AppContext.BaseDirectory,
            UseDefaultConfigurationSources = false,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                [WorkerHostOptions.FunctionKeySetting] = FunctionKey,
                ["PrivacySync:ConfigPath"] = configPath,
                ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
                ["PrivacySync:SubjectSalt"] = "wiring-real-subject-salt",
                ["PrivacySync:LinkSecret"] = "wiring-real-link-secret",
                ["PrivacySync:TaskAttemptBudget"] = "3",
                ["PrivacySync:RetryBaseDelay"] = "00:00:00.500",
                ["PrivacySync:RetryMaxDelay"] = "00:00:02",
                ["PrivacySync:TaskTimeout"] = "00:00:30",
                ["PrivacySync:TaskLease"] = "00:00:40",
                ["WIRING_HUBSPOT_TOKEN"] = HubSpotSandbox.ConnectorToken,
                ["WIRING_GRAPH_TOKEN"] = Graph.Tenant.IssueToken(GraphSandbox.AllRoles),
                ["WIRING_HR_DB"] = HrDatabase.ConnectionString,
                ["WIRING_HR_NATIONAL_ID_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.NationalIdKey),
                ["WIRING_HR_PSEUDONYM_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.PseudonymKey),
                ["WIRING_HR_API_KEY"] = Encoding.UTF8.GetString(HrRestSimulatorOptions.DefaultSigningKey),
            },
            EnableTimers = false,
            HttpPort = 0,
            MessageLease = TimeSpan.FromSeconds(45),
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
            ConfigureServices = (services, configuration) => services.AddPrivacySyncFunctions(configuration),
        });
        await Worker.StartAsync(TestContext.Current.CancellationToken);
        Api = new HttpClient { BaseAddress = Worker.HttpAddress };
        Api.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    private JObject Configuration()
    {
        static JArray Category(string name, string basis, string action, string? rule = null) =>
            [new JObject { ["Name"] = name, ["Purpose"] = "as the connector states", ["LegalBasis"] = basis, ["ErasureAction"] = action, ["RetentionRule"] = rule }];

        static JObject System(string id, string kind, string endpoint, string credential, string queue, JObject? connector, JArray categories) => new()
        {
            ["Id"] = id,
            ["Kind"] = kind,
            ["DisplayName"] = id,
            ["EnabledRequestTypes"] = new JArray("access", "erasure", "objection"),
            ["Endpoint"] = endpoint,
            ["CredentialReference"] = credential,
            ["Queue"] = queue,
            ["Connector"] = connector,
            ["Categories"] = categories,
        };

        return new JObject
        {
            ["LegalEntities"] = new JArray(new JObject
            {
                ["Id"] = "wiring-no",
                ["Name"] = "Wiring Testing AS",
                ["Jurisdiction"] = "NO",
                ["SupervisoryAuthority"] = new JObject { ["Name"] = "Datatilsynet", ["Url"] = "https://www.datatilsynet.no" },
                ["PrivacyContact"] = "personvern@example.com",
                ["DefaultLanguage"] = "nb",
                ["ErasureRequiresSecondApproval"] = true,
                ["Officers"] = new JArray(Submitter, Approver),
            }),
            ["Systems"] = new JArray(
                System("crm", "hubspot", HubSpot.BaseAddress.ToString(), "WIRING_HUBSPOT_TOKEN", "cloud",
                    new JObject { ["RequestsPerTenSeconds"] = 100, ["SearchRequestsPerSecond"] = 5, ["DailyQuotaTimeZone"] = "Europe/Oslo" },
                    Category("contact-profile", "Art. 6(1)(b)", "delete")),
                System("m365", "microsoft365", Graph.BaseUrl, "WIRING_GRAPH_TOKEN", "cloud",
                    new JObject { ["Credential"] = "static-token", ["Mode"] = "mailbox", ["MailboxScope"] = "all" },
                    Category("mail", "Art. 6(1)(b)", "delete")),
                System("hr-db", "hr-sql", new Uri(Path.Combine(folder, "hr.db")).AbsoluteUri, "WIRING_HR_DB", "onprem",
                    new JObject
                    {
                        ["Provider"] = "sqlite",
                        ["Mapping"] = "hr.mapping.json",
                        ["NationalIdHashKeySetting"] = "WIRING_HR_NATIONAL_ID_KEY",
                        ["PseudonymisationKeySetting"] = "WIRING_HR_PSEUDONYM_KEY",
                    },
                    Category("payroll", "Art. 6(1)(c)", "retain", "bookkeeping-no")),
                System("hr-api", "hr-rest", HrRest.BaseAddress.ToString(), "WIRING_HR_API_KEY", "cloud", null,
                    Category("payroll", "Art. 6(1)(c)", "retain", "bookkeeping-no"))),
            ["Retention"] = new JArray(new JObject { ["Name"] = "bookkeeping-no", ["Period"] = "P5Y", ["After"] = "fiscal-year-end" }),
            ["RequestDataRetentionDays"] = 90,
        };
    }
}
