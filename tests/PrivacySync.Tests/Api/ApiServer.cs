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
/// entities end in a random suffix and a fresh signing key, trusting a sandbox Entra-like issuer of its own whose
/// tokens the officers call with. <see cref="Get{T}"/> reads and seeds storage as the app does.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string FunctionKey = AppHost.FunctionKey;
    public const string LinkSecret = "api-test-link-secret-0123456789-abcdef";

    /// <summary>An account with the officer role that the configuration does not know.</summary>
    public const string Outsider = "outsider.test";

    /// <summary>Officers of <see cref="Norway"/> (erasure needs a second officer there).</summary>
    public const string Anna = "anna.test";
    public const string Bjorn = "bjorn.test";

    /// <summary>Officer of <see cref="Sweden"/> (no four-eyes rule) and of <see cref="Listing"/>.</summary>
    public const string Sara = "sara.test";

    /// <summary>Officer of <see cref="Processor"/>.</summary>
    public const string Ola = "ola.test";

    private static readonly string[] Officers = [Anna, Bjorn, Sara, Ola];

    private readonly string _folder;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<HttpClient>> _clients = new(StringComparer.Ordinal);

    private ApiServer(PrivateAzurite storage, EntraSandbox entra, AppHost host, AppServices services, string folder, string suffix, string signingKeyPem)
    {
        Entra = entra;
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

    /// <summary>The issuer the app trusts.</summary>
    public EntraSandbox Entra { get; }

    public AppHost Host { get; }

    public AppServices Services { get; }

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Sends the function key only (which acts for no officer).</summary>
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
        var entra = await EntraSandbox.StartAsync();
        foreach (var officer in Officers.Append(Outsider))
        {
            await entra.AddUserAsync(officer, ObjectId(officer), EntraSandbox.OfficerRole);
        }

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
            ["PrivacySync:PackageKey"] = TestPackageKey.Value,
            ["AzureWebJobs.DispatchRequest.Disabled"] = "true",
            ["AzureWebJobs.RunSystemTask.Disabled"] = "true",
            ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true",
            ["AzureWebJobs.CollectResults.Disabled"] = "true",
        };
        foreach (var (name, value) in entra.AppSettings)
        {
            settings[name] = value;
        }

        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        try
        {
            var host = await AppHost.StartAsync(settings, ct);
            return new ApiServer(storage, entra, host, new AppServices(settings), folder, suffix, pem);
        }
        catch
        {
            await storage.DisposeAsync();
            await entra.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Entra object id of a test officer's account (stable per name; the configuration maps it).</summary>
    public static string ObjectId(string officer) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(officer))[..16]).ToString();

    /// <summary>A client that sends <paramref name="officer"/>'s access token from the issuer (password grant).</summary>
    public Task<HttpClient> AsAsync(string officer) =>
        _clients.GetOrAdd("officer:" + officer, name => Entra.ClientAsync(BaseAddress, Entra.UserTokenAsync(officer)));

    /// <summary>A client that sends the Teams flow identity's access token (client credentials).</summary>
    public Task<HttpClient> AsFlowAsync() => _clients.GetOrAdd("flow", _ => Entra.ClientAsync(BaseAddress, Entra.FlowTokenAsync()));

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Host.CreateClient(withFunctionKey: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Marks a body as sent by <paramref name="officer"/>: the annotation (never sent) picks the token, as the API takes the officer from it.</summary>
    public static JObject By(string officer, JObject body)
    {
        body.AddAnnotation(new SentBy(officer));
        return body;
    }

    /// <summary>A valid form for <paramref name="entity"/>, sent by <paramref name="officer"/>: an access request, identity verified with BankID.</summary>
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
        };
        change?.Invoke(form);
        return By(officer, form);
    }

    /// <summary>Posts raw text as <paramref name="officer"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string officer) =>
        await (await AsAsync(officer)).PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")), TestContext.Current.CancellationToken);

    /// <summary>
    /// Sends with <paramref name="client"/>, else as <paramref name="officer"/>, else as the officer the body was
    /// marked with (<see cref="By"/>); one of them must say who sends.
    /// </summary>
    public async Task<(HttpResponseMessage Response, JObject Body)> SendAsync(
        HttpMethod method, string path, JToken? body = null, HttpClient? client = null, string? officer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        }

        var sender = officer ?? body?.Annotation<SentBy>()?.Officer;
        client ??= sender is not null ? await AsAsync(sender) : throw new InvalidOperationException("Say who sends the call (client, officer or a body marked with By).");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? [] : JObject.Parse(text));
    }

    /// <summary>How many requests GET /api/requests lists for <paramref name="entity"/>, every page, as one of its officers.</summary>
    public async Task<int> CountRequestsAsync(string entity, string officer)
    {
        var count = 0;
        string? token = null;
        do
        {
            var query = $"/api/requests?entity={entity}&pageSize=100" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var (_, page) = await SendAsync(HttpMethod.Get, query, officer: officer);
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
        foreach (var client in _clients.Values.Where(c => c.IsCompletedSuccessfully))
        {
            client.Result.Dispose();
        }

        await Entra.DisposeAsync();
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
            ["Officers"] = new JArray(Officers.Select(o => new JObject { ["Id"] = o, ["ObjectId"] = ObjectId(o) })),
            ["Systems"] = new JArray(),
            ["Retention"] = new JArray(),
            ["RequestDataRetentionDays"] = 30,
        };
    }
}

/// <summary>Who sends a body in a test (an annotation: never serialised, so never part of the request).</summary>
public sealed record SentBy(string Officer);

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
