using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Tasks;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Sandbox.Graph;
using PrivacySync.Sandbox.HubSpot;
using PrivacySync.Tests.Connectors.Hr;
using PrivacySync.Tests.Connectors.HubSpot;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Connectors.Microsoft365;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// The four real connector kinds against real parts: the HubSpot, Graph and HR REST simulators over HTTP and an
/// HR SQLite database with the sample schema, all holding one person; and the published function app under the local
/// Functions host on an Azurite of its own, deployed the production way: a cloud instance (everything but the
/// on-premises task function) and an on-premises instance (only RunOnPremSystemTask, no signing key, salt or link
/// secret), a configuration file naming the systems, secrets in app settings.
/// </summary>
internal sealed class RealSystems : IAsyncDisposable
{
    public const string FunctionKey = AppHost.FunctionKey;
    public const string Submitter = "anna.officer";
    public const string Approver = "bjorn.officer";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private readonly string folder;
    private readonly RealSystemsSetup setup;
    private readonly Dictionary<string, HttpClient> officerClients = new(StringComparer.Ordinal);

    private RealSystems(string folder, RealSystemsSetup setup, HubSpotSandbox hubSpot, GraphSandbox graph, SimulatorHost hrRest, HrTestDatabase hrDatabase, EntraSandbox entra)
    {
        this.folder = folder;
        this.setup = setup;
        Entra = entra;
        HubSpot = hubSpot;
        Graph = graph;
        HrRest = hrRest;
        HrDatabase = hrDatabase;
    }

    public HubSpotSandbox HubSpot { get; }

    public GraphSandbox Graph { get; }

    public SimulatorHost HrRest { get; }

    public HrTestDatabase HrDatabase { get; }

    /// <summary>The issuer the API trusts; the officers call with its tokens.</summary>
    public EntraSandbox Entra { get; }

    public string Email { get; } = $"ingrid.{Guid.NewGuid():N}@example.com";

    public HrSeededEmployee Employee { get; private set; } = null!;

    public string ContactId { get; private set; } = "";

    public string DealId { get; private set; } = "";

    public string GraphUserId { get; private set; } = "";

    public PrivateAzurite Storage { get; private set; } = null!;

    /// <summary>The cloud instances (the first serves the API); tests may start more, or stop and replace one.</summary>
    public List<AppHost> CloudHosts { get; } = [];

    /// <summary>The on-premises instance; null when the setup configures no on-premises system.</summary>
    public AppHost? OnPremHost { get; private set; }

    public AppServices Services { get; private set; } = null!;

    /// <summary>
    /// The API of the first cloud instance as <paramref name="officer"/> (default the submitter), with their access
    /// token (a new client once that instance has been replaced).
    /// </summary>
    public async Task<HttpClient> ApiAsync(string officer = Submitter)
    {
        if (!officerClients.TryGetValue(officer, out var client) || client.BaseAddress != CloudHosts[0].BaseAddress)
        {
            client?.Dispose();
            client = await Entra.ClientAsync(CloudHosts[0].BaseAddress, Entra.UserTokenAsync(officer));
            officerClients[officer] = client;
        }

        return client;
    }

    /// <summary>The Entra object id of a test officer's account, as the configuration maps it.</summary>
    public static string ObjectId(string officer) => PrivacySync.Tests.Api.ApiServer.ObjectId(officer);

    /// <summary>The cloud instance's app settings (the on-premises one's are derived from them).</summary>
    public Dictionary<string, string?> CloudSettings { get; private set; } = [];

    public static async Task<RealSystems> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, RealSystemsSetup? setup = null)
    {
        setup ??= new RealSystemsSetup();
        var folder = Directory.CreateTempSubdirectory("privacysync-real-").FullName;
        var systems = new RealSystems(
            folder,
            setup,
            await HubSpotSandbox.StartAsync(setup.HubSpot),
            await GraphSandbox.StartAsync(setup.Graph),
            await SimulatorHost.StartAsync(SimulatorCatalog.Find("hr"), cancellationToken: TestContext.Current.CancellationToken),
            await HrTestDatabase.CreateAsync("sqlite"),
            await EntraSandbox.StartAsync());
        try
        {
            foreach (var officer in new[] { Submitter, Approver })
            {
                await systems.Entra.AddUserAsync(officer, ObjectId(officer), EntraSandbox.OfficerRole);
            }

            await systems.SeedAsync();
            await systems.StartAppAsync(settings);
            return systems;
        }
        catch
        {
            await systems.DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits the Teams form's JSON to POST /api/requests; returns the request id (asserting 202).</summary>
    public Task<(string RequestId, string Status)> SubmitAsync(string requestType) =>
        SubmitAsync(requestType, Email, $"{Employee.FirstName} {Employee.LastName}");

    /// <summary>Submits a request for the seeded subject with the form changed by <paramref name="change"/> first.</summary>
    public Task<(string RequestId, string Status)> SubmitAsync(string requestType, Action<JObject> change) =>
        SubmitAsync(requestType, Email, $"{Employee.FirstName} {Employee.LastName}", change: change);

    /// <summary>
    /// Submits a request for another seeded subject. With <paramref name="retryWhileUnavailable"/> a 5xx or a dropped
    /// connection (a worker killed mid-call) is retried with the same body, as the Teams flow retries its POST: the
    /// submission id makes the retry find the request the first attempt may have created.
    /// </summary>
    public async Task<(string RequestId, string Status)> SubmitAsync(
        string requestType, string email, string name, bool retryWhileUnavailable = false, Action<JObject>? change = null)
    {
        var submission = SubmissionForm(requestType, email, name);
        change?.Invoke(submission);
        var body = retryWhileUnavailable
            ? await SendRetryingAsync(HttpMethod.Post, "/api/requests", submission, HttpStatusCode.Accepted, HttpStatusCode.OK) // a retry of a submit that went through gets the same request back
            : await SendAsync(HttpMethod.Post, "/api/requests", submission, HttpStatusCode.Accepted);
        return ((string)body["requestId"]!, (string)body["status"]!);
    }

    private static JObject SubmissionForm(string requestType, string email, string name) => new()
    {
        ["requestType"] = requestType,
        ["subjectName"] = name,
        ["subjectEmail"] = email,
        ["legalEntity"] = "wiring-no",
        ["language"] = "en",
        ["receivedOn"] = Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["identityVerification"] = "bankid",
        ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
    };

    /// <summary>
    /// <see cref="SendAsync"/>, retrying for up to a minute while the app answers 5xx or drops the connection (its worker
    /// restarting). <paramref name="alsoAccepted"/> are answers a retry of a call that went through may get instead.
    /// </summary>
    public Task<JObject> SendRetryingAsync(HttpMethod method, string path, JObject body, HttpStatusCode expected, params HttpStatusCode[] alsoAccepted) =>
        SendRetryingAsync(Submitter, method, path, body, expected, alsoAccepted);

    /// <summary><see cref="SendRetryingAsync(HttpMethod, string, JObject, HttpStatusCode, HttpStatusCode[])"/> as <paramref name="officer"/>.</summary>
    public async Task<JObject> SendRetryingAsync(string officer, HttpMethod method, string path, JObject body, HttpStatusCode expected, params HttpStatusCode[] alsoAccepted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var retried = false;
        while (true)
        {
            using var request = new HttpRequestMessage(method, path)
            {
                Content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            string? failure;
            try
            {
                using var response = await (await ApiAsync(officer)).SendAsync(request, TestContext.Current.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode == expected || (retried && alsoAccepted.Contains(response.StatusCode)))
                {
                    return text.StartsWith('{') ? JObject.Parse(text) : [];
                }

                Assert.True((int)response.StatusCode >= 500, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
                failure = $"{(int)response.StatusCode} {text}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{method} {path} still failed after a minute: {failure}");
            retried = true;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The Teams form's JSON for the seeded subject, with a fresh submissionId (who submits comes from the token).</summary>
    public JObject SubmissionForm(string requestType) => SubmissionForm(requestType, Email, $"{Employee.FirstName} {Employee.LastName}");

    /// <summary>A decision by <paramref name="officer"/>, who signs in with their own token.</summary>
    public Task<JObject> DecideAsync(string requestId, string decision, string officer) =>
        SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", new JObject { ["decision"] = decision }, HttpStatusCode.OK, officer);

    /// <summary>
    /// Polls GET /api/requests/{id} until the request is completed (with or without exceptions). A poll that meets a
    /// dying worker (the host answers 5xx or drops the connection) is polled again, as a browser's refresh would be.
    /// </summary>
    public async Task<JObject> WaitForCompletionAsync(string requestId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            string last;
            try
            {
                using var response = await (await ApiAsync()).GetAsync($"/api/requests/{requestId}", TestContext.Current.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK || (int)response.StatusCode >= 500, $"GET /api/requests/{requestId}: {(int)response.StatusCode} {text}");
                last = $"{(int)response.StatusCode} {text}";
                if (response.StatusCode == HttpStatusCode.OK
                    && (string?)JObject.Parse(text)["status"] is "completed" or "completed-with-exceptions" or "rejected")
                {
                    return JObject.Parse(text);
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request {requestId} did not complete: {last}{Environment.NewLine}{AppOutput}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>An output, as the submitter gets it: a link issued on request, followed with the same token.</summary>
    public async Task<byte[]> DownloadAsync(string requestId, string file)
    {
        var link = await SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/outputs/{file}/link", new JObject(), HttpStatusCode.Created);
        using var response = await (await ApiAsync()).GetAsync((string)link["url"]!, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public async Task<JObject> SendAsync(HttpMethod method, string path, JObject? body, HttpStatusCode expected, string officer = Submitter)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await (await ApiAsync(officer)).SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }

    /// <summary>The night's reconciliation through the command line, at 02:00 UTC of <paramref name="night"/> unless the clock says otherwise.</summary>
    public async Task<(int Code, string Output, string Error)> ReconcileAsync(DateOnly night, FakeTimeProvider? clock = null, params string[] more)
    {
        var time = clock ?? new FakeTimeProvider(new DateTimeOffset(night.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        var settings = new Dictionary<string, string?>(CloudSettings)
        {
            // The operator's shell holds the on-premises database's secrets too.
            ["WIRING_HR_DB"] = HrDatabase.ConnectionString,
            ["WIRING_HR_NATIONAL_ID_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.NationalIdKey),
            ["WIRING_HR_PSEUDONYM_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.PseudonymKey),
        };
        var cli = new PrivacySync.Tests.Cli.CliRunner(settings, time);
        var code = await cli.RunAsync(["reconcile", "--date", night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), .. more]);
        return (code, cli.Output, cli.Error);
    }

    /// <summary>Whether the app is configured with this system (see <see cref="RealSystemsSetup.Systems"/>).</summary>
    public bool Includes(string systemId) => setup.Includes(systemId);

    public T Service<T>()
        where T : notnull => Services.Get<T>();

    /// <summary>The HR REST system answers its next <paramref name="count"/> calls with a fault (status 0: only delays).</summary>
    public async Task InjectHrRestFaultAsync(int status, int count, int retryAfterSeconds = 1, int delayMs = 0)
    {
        using var http = new HttpClient();
        using var content = new StringContent(
            new JObject { ["status"] = status, ["retryAfter"] = retryAfterSeconds, ["delayMs"] = delayMs, ["count"] = count }.ToString(),
            Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri(HrRest.BaseAddress, "/sandbox/v1/faults"), content, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<SystemTask>> TasksAsync(string requestId) =>
        (await Service<ITaskStore>().ListAsync(requestId, TestContext.Current.CancellationToken)).Select(t => t.Value).ToList();

    /// <summary>Polls until <paramref name="condition"/> holds; fails with the apps' output after <paramref name="within"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen in time.{Environment.NewLine}{AppOutput}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Starts one more cloud instance on the same storage (scale-out, or a replacement after a crash).</summary>
    public async Task<AppHost> StartCloudHostAsync()
    {
        var host = await AppHost.StartAsync(CloudSettings, TestContext.Current.CancellationToken);
        CloudHosts.Add(host);
        return host;
    }

    /// <summary>Everything the app instances printed, for a failure message.</summary>
    public string AppOutput =>
        string.Join(Environment.NewLine, CloudHosts.Select(h => h.Output).Append(OnPremHost?.Output ?? ""));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in officerClients.Values)
        {
            client.Dispose();
        }

        await Entra.DisposeAsync();
        foreach (var host in CloudHosts)
        {
            await host.DisposeAsync();
        }

        if (OnPremHost is not null)
        {
            await OnPremHost.DisposeAsync();
        }

        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (Storage is not null)
        {
            await Storage.DisposeAsync();
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

        await SeedHrRestSubjectAsync(HrRest.BaseAddress, Email, TestContext.Current.CancellationToken);
    }

    private async Task StartAppAsync(IReadOnlyDictionary<string, string?>? overrides)
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(folder, "hr.mapping.json"), HrSample.MappingJson, ct);
        var configPath = Path.Combine(folder, "privacysync.json");
        await File.WriteAllTextAsync(configPath, Configuration().ToString(), ct);
        Storage = await PrivateAzurite.StartAsync(ct);
        CloudSettings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Storage.ConnectionString,
            ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true",
            ["PrivacySync:ConfigPath"] = configPath,
            ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
            ["PrivacySync:SubjectSalt"] = "wiring-real-subject-salt-0123456789",
            ["PrivacySync:LinkSecret"] = "wiring-real-link-secret-0123456789",
            ["PrivacySync:AuditKey"] = TestAudit.Key,
            ["PrivacySync:PackageKey"] = TestPackageKey.Value,
            ["PrivacySync:TaskAttemptBudget"] = "3",
            ["PrivacySync:RetryBaseDelay"] = "00:00:00.500",
            ["PrivacySync:RetryMaxDelay"] = "00:00:02",
            ["PrivacySync:TaskTimeout"] = "00:00:30",
            ["PrivacySync:TaskLease"] = "00:00:40",
            ["WIRING_HUBSPOT_TOKEN"] = HubSpotSandbox.ConnectorToken,
            ["WIRING_GRAPH_TOKEN"] = Graph.Tenant.IssueToken(GraphSandbox.AllRoles),
            ["WIRING_HR_API_KEY"] = Encoding.UTF8.GetString(HrRestSimulatorOptions.DefaultSigningKey),
        };
        foreach (var (key, value) in Entra.AppSettings)
        {
            CloudSettings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            CloudSettings[key] = value;
        }

        // The on-premises instance: only its task function, only the secrets of the systems it reaches.
        var onPrem = new Dictionary<string, string?>(CloudSettings)
        {
            ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = null,
            ["PrivacySync:SigningKeyPem"] = null,
            ["PrivacySync:SubjectSalt"] = null,
            ["PrivacySync:LinkSecret"] = null,
            ["PrivacySync:PackageKey"] = null,
            ["WIRING_HUBSPOT_TOKEN"] = null,
            ["WIRING_GRAPH_TOKEN"] = null,
            ["WIRING_HR_API_KEY"] = null,
            ["WIRING_HR_DB"] = HrDatabase.ConnectionString,
            ["WIRING_HR_NATIONAL_ID_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.NationalIdKey),
            ["WIRING_HR_PSEUDONYM_KEY"] = Encoding.UTF8.GetString(HrTestDatabase.PseudonymKey),
        };
        foreach (var function in OnPremDisabled)
        {
            onPrem[$"AzureWebJobs.{function}.Disabled"] = "true";
        }

        Services = new AppServices(CloudSettings);
        var cloud = AppHost.StartAsync(CloudSettings, ct);
        var onPremHost = setup.Includes("hr-db") ? AppHost.StartAsync(onPrem, ct) : null;
        CloudHosts.Add(await cloud);
        OnPremHost = onPremHost is null ? null : await onPremHost;
    }

    /// <summary>What the on-premises instance does not run (infra/onprem disables the same list).</summary>
    public static readonly string[] OnPremDisabled =
    [
        "SubmitRequest", "GetRequest", "ListRequests", "DecideRequest", "CreateOutputLink", "GetRequestOutput", "ReviewRequest", "CertificateKey", "Health",
        "DispatchRequest", "RunSystemTask", "CollectResults", "NightlyReconciliation", "GetReconciliationReport",
        "SendTeamsNotification",
    ];

    private static JArray WithRecipient(JArray categories, string recipient)
    {
        categories[0]["Recipients"] = new JArray(new JObject { ["Name"] = recipient, ["Role"] = "event partner", ["Country"] = "NO" });
        return categories;
    }

    /// <summary>
    /// What each system lets rectify: the CRM phone and job title, the HR database phone, salary account and date of
    /// birth (a date column, which it refuses), Microsoft 365 and the HR REST system phone (manual steps).
    /// </summary>
    private static JArray Rectifiable(string systemId, string category)
    {
        JObject Field(string field, string target) => new() { ["Field"] = field, ["Target"] = target, ["Category"] = category };
        return systemId switch
        {
            "crm" => [Field("phone", "phone"), Field("job-title", "jobtitle")],
            "hr-db" => [Field("phone", "employees.private_phone"), Field("bank-account", "employees.bank_account"), Field("birth-date", "employees.birth_date")],
            "m365" => [Field("phone", "mobilePhone")],
            _ => [Field("phone", "private_phone")],
        };
    }

    private JObject Configuration()
    {
        static JArray Category(string name, string basis, string action, string? rule = null) =>
            [new JObject { ["Name"] = name, ["Purpose"] = "as the connector states", ["LegalBasis"] = basis, ["ErasureAction"] = action, ["RetentionRule"] = rule }];

        // Objection to direct marketing concerns the CRM only; the HR systems and mail are not asked.
        static JObject System(string id, string kind, string endpoint, string credential, string queue, JObject? connector, JArray categories) => new()
        {
            ["Id"] = id,
            ["Kind"] = kind,
            ["DisplayName"] = id,
            ["EnabledRequestTypes"] = kind == "hubspot"
                ? new JArray("access", "erasure", "objection", "rectification", "restriction")
                : new JArray("access", "erasure", "rectification", "restriction"),
            ["Rectification"] = Rectifiable(id, (string)categories[0]["Name"]!),
            ["Endpoint"] = endpoint,
            ["CredentialReference"] = credential,
            ["Queue"] = queue,
            ["Connector"] = connector,
            ["Categories"] = categories,
        };

        var entity = new JObject
        {
            ["Id"] = "wiring-no",
            ["Name"] = "Wiring Testing AS",
            ["Jurisdiction"] = "NO",
            ["SupervisoryAuthority"] = new JObject { ["Name"] = "Datatilsynet", ["Url"] = "https://www.datatilsynet.no" },
            ["PrivacyContact"] = "personvern@example.com",
            ["DefaultLanguage"] = "nb",
            ["ErasureRequiresSecondApproval"] = true,
            ["RestrictionReviewDays"] = 1,
            ["Officers"] = new JArray(Submitter, Approver),
        };
        setup.Entity?.Invoke(entity);
        return new JObject
        {
            ["LegalEntities"] = new JArray(entity),
            ["Officers"] = new JArray(new[] { Submitter, Approver }.Select(o => new JObject { ["Id"] = o, ["ObjectId"] = ObjectId(o) })),
            ["Systems"] = new JArray(new JArray(
                System("crm", "hubspot", HubSpot.BaseAddress.ToString(), "WIRING_HUBSPOT_TOKEN", "cloud",
                    new JObject
                    {
                        ["RequestsPerTenSeconds"] = HubSpot.Options.RequestsPerTenSeconds,
                        ["SearchRequestsPerSecond"] = HubSpot.Options.SearchRequestsPerSecond,
                        ["DailyQuotaTimeZone"] = "Europe/Oslo",
                    },
                    WithRecipient(Category("contact-profile", "Art. 6(1)(b)", "delete"), "Wiring Events Ltd")),
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
                    Category("payroll", "Art. 6(1)(c)", "retain", "bookkeeping-no")))
                .Children<JObject>().Where(system => setup.Includes((string)system["Id"]!))),
            ["Retention"] = new JArray(new JObject { ["Name"] = "bookkeeping-no", ["Period"] = "P5Y", ["After"] = "fiscal-year-end", ["Exemption"] = "Art. 17(3)(b) (legal obligation to keep accounting records)" }),
            ["RequestDataRetentionDays"] = 90,
        };
    }

    /// <summary>The HR REST system's seed subject: payroll retained by law, training erased.</summary>
    public static JObject HrRestSubject(string email, string? employeeId = null) => new()
    {
        ["email"] = email,
        ["employeeId"] = employeeId,
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
    };

    /// <summary>Seeds <see cref="HrRestSubject"/> through the HR REST simulator's sandbox API.</summary>
    public static async Task SeedHrRestSubjectAsync(Uri hrRestBase, string email, CancellationToken ct, string? employeeId = null)
    {
        using var http = new HttpClient();
        using var content = new StringContent(HrRestSubject(email, employeeId).ToString(), Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri(hrRestBase, "/sandbox/v1/subjects"), content, ct)).EnsureSuccessStatusCode();
    }
}

/// <summary>How <see cref="RealSystems"/> is set up: simulator knobs and which of its systems the app is configured with.</summary>
internal sealed class RealSystemsSetup
{
    /// <summary>HubSpot simulator settings; the connector's tier follows its <c>RequestsPerTenSeconds</c> and search limit.</summary>
    public Action<HubSpotSandboxOptions>? HubSpot { get; init; }

    public GraphSimulatorOptions? Graph { get; init; }

    /// <summary>Ids among crm, m365, hr-db (on premises) and hr-api; null configures all four.</summary>
    public IReadOnlyCollection<string>? Systems { get; init; }

    /// <summary>Changes to the legal entity's configuration (e.g. a review setting).</summary>
    public Action<JObject>? Entity { get; init; }

    public bool Includes(string systemId) => Systems is null || Systems.Contains(systemId);
}
