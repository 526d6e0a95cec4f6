using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Api;

/// <summary>
/// The published function app under the local Functions host, HTTP only (its queue functions disabled, so dispatch
/// messages stay where a test can see them), on an Azurite of its own, with a configuration of its own whose legal
/// entities end in a random suffix and a fresh signing key. <see cref="Get{T}"/> reads and seeds storage as the app does.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string FunctionKey = AppHost.FunctionKey;
    public const string LinkSecret = "api-test-link-secret-0123456789";

    /// <summary>Officers of <see cref="Norway"/> (erasure needs a second officer there).</summary>
    public const string Anna = "anna.test";
    public const string Bjorn = "bjorn.test";

    /// <summary>Officer of <see cref="Sweden"/> (no four-eyes rule) and of <see cref="Listing"/>.</summary>
    public const string Sara = "sara.test";

    /// <summary>Officer of <see cref="Processor"/>.</summary>
    public const string Ola = "ola.test";

    private readonly string _folder;

    private ApiServer(PrivateAzurite storage, AppHost host, AppServices services, string folder, string suffix, string signingKeyPem)
    {
        Storage = storage;
        Host = host;
        Services = services;
        _folder = folder;
        Norway = "no-" + suffix;
        Sweden = "se-" + suffix;
        Processor = "proc-" + suffix;
        Listing = "list-" + suffix;
        SigningKeyPem = signingKeyPem;
        DispatchQueue = StorageClients.FromConnectionString(storage.ConnectionString).Queue(QueueNames.Dispatch);
        Client = host.CreateClient();
        Anonymous = host.CreateClient(withFunctionKey: false);
    }

    public PrivateAzurite Storage { get; }

    public AppHost Host { get; }

    public AppServices Services { get; }

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Sends the function key.</summary>
    public HttpClient Client { get; }

    public HttpClient Anonymous { get; }

    public string Norway { get; }

    public string Sweden { get; }

    public string Processor { get; }

    /// <summary>An entity only the listing tests submit to.</summary>
    public string Listing { get; }

    public string SigningKeyPem { get; }

    public QueueClient DispatchQueue { get; }

    public T Get<T>() where T : notnull => Services.Get<T>();

    public static async Task<ApiServer> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var folder = Path.Combine(Path.GetTempPath(), "privacysync-api-" + suffix);
        Directory.CreateDirectory(folder);
        var configPath = Path.Combine(folder, "privacysync.json");
        await File.WriteAllTextAsync(configPath, Configuration(suffix).ToString(), TestContext.Current.CancellationToken);
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var pem = CertificateKeys.ExportPrivateKeyPem(key);
        var storage = await PrivateAzurite.StartAsync(ct);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["PrivacySync:ConfigPath"] = configPath,
            ["PrivacySync:SigningKeyPem"] = pem,
            ["PrivacySync:SubjectSalt"] = "api-test-subject-salt-0123456789",
            ["PrivacySync:LinkSecret"] = LinkSecret,
            ["PrivacySync:AuditKey"] = TestAudit.Key,
            ["AzureWebJobs.DispatchRequest.Disabled"] = "true",
            ["AzureWebJobs.RunSystemTask.Disabled"] = "true",
            ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true",
            ["AzureWebJobs.CollectResults.Disabled"] = "true",
        };
        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        try
        {
            var host = await AppHost.StartAsync(settings, ct);
            return new ApiServer(storage, host, new AppServices(settings), folder, suffix, pem);
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    /// <summary>A valid form for <paramref name="entity"/>: an access request, identity verified with BankID.</summary>
    public JObject Form(string entity, string officer, Action<JObject>? change = null)
    {
        var form = new JObject
        {
            ["requestType"] = "access",
            ["subjectName"] = "Kari Testesen",
            ["subjectEmail"] = $"kari.{Guid.NewGuid():N}@example.com",
            ["subjectPhone"] = "+47 912 34 567",
            ["employeeId"] = "E-1001",
            ["legalEntity"] = entity,
            ["language"] = "en",
            ["receivedOn"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["identityVerification"] = "bankid",
            ["notes"] = "Called the front desk; wants a copy by post.",
            ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
            ["submittedBy"] = officer,
        };
        change?.Invoke(form);
        return form;
    }

    public Task<HttpResponseMessage> PostAsync(string path, JToken body) => PostAsync(path, body.ToString());

    public Task<HttpResponseMessage> PostAsync(string path, string body) =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")), TestContext.Current.CancellationToken);

    public async Task<(HttpResponseMessage Response, JObject Body)> SendAsync(HttpMethod method, string path, JToken? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        }

        var response = await (client ?? Client).SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? [] : JObject.Parse(text));
    }

    /// <summary>How many requests GET /api/requests lists for <paramref name="entity"/>, every page.</summary>
    public async Task<int> CountRequestsAsync(string entity)
    {
        var count = 0;
        string? token = null;
        do
        {
            var query = $"/api/requests?entity={entity}&pageSize=100" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var (_, page) = await SendAsync(HttpMethod.Get, query);
            count += ((JArray)page["items"]!).Count;
            token = (string?)page["continuationToken"];
        }
        while (token is not null);

        return count;
    }

    /// <summary>Submits a valid form and returns the answer's request id (asserting 202).</summary>
    public async Task<string> SubmitAsync(JObject form)
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/api/requests", form);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return (string)body["requestId"]!;
    }

    public Task<(HttpResponseMessage Response, JObject Body)> DecideAsync(string requestId, JObject decision) =>
        SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", decision);

    /// <summary>The request ids of the messages waiting in this server's dispatch queue (once per message), for one request.</summary>
    public async Task<IReadOnlyList<string>> DispatchedAsync(string requestId)
    {
        try
        {
            var texts = await DispatchQueue.PeekTextsAsync(TestContext.Current.CancellationToken);
            return texts.Select(t => CoreJson.Deserialize<RequestMessage>(t).RequestId).Where(id => id == requestId).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
        await Services.DisposeAsync();
        await Storage.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static JObject Configuration(string suffix)
    {
        static JObject Entity(string id, string name, string jurisdiction, string language, bool fourEyes, string? processorFor, params string[] officers) => new()
        {
            ["Id"] = id,
            ["Name"] = name,
            ["Jurisdiction"] = jurisdiction,
            ["SupervisoryAuthority"] = jurisdiction == "SE"
                ? new JObject { ["Name"] = "Integritetsskyddsmyndigheten (IMY)", ["Url"] = "https://www.imy.se" }
                : new JObject { ["Name"] = "Datatilsynet", ["Url"] = "https://www.datatilsynet.no" },
            ["PrivacyContact"] = "privacy@example.com",
            ["DefaultLanguage"] = language,
            ["ErasureRequiresSecondApproval"] = fourEyes,
            ["ActsAsProcessorFor"] = processorFor,
            ["Officers"] = new JArray(officers.Cast<object>().ToArray()),
        };

        return new JObject
        {
            ["LegalEntities"] = new JArray(
                Entity("no-" + suffix, "Testvik AS", "NO", "nb", fourEyes: true, null, Anna, Bjorn),
                Entity("se-" + suffix, "Testvik AB", "SE", "sv", fourEyes: false, null, Sara),
                Entity("proc-" + suffix, "Testmobil AS", "NO", "en", fourEyes: false, "the employer", Ola),
                Entity("list-" + suffix, "Listevik AS", "NO", "nb", fourEyes: false, null, Sara)),
            ["Systems"] = new JArray(),
            ["Retention"] = new JArray(),
            ["RequestDataRetentionDays"] = 30,
        };
    }
}

/// <summary>One <see cref="ApiServer"/> per test class.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The API server has not started.");

    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
