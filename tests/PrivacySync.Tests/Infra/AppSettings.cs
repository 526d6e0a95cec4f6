using System.Reflection;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Infra;

/// <summary>A system of the configuration document and the app settings it names (its secrets, by reference).</summary>
internal sealed record ConfiguredSystem(string Id, string Queue, IReadOnlyList<string> Entities, IReadOnlyList<string> Settings)
{
    public bool RunsOnPremises => string.Equals(Queue, "onprem", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The app settings the app reads, from the code itself, written as environment variables / app settings
/// ("PrivacySync__X" for the configuration key "PrivacySync:X"), and the settings that are the host's or planned.
/// </summary>
internal static class AppSettings
{
    /// <summary>The identity-based form of the storage connection (AzureWebJobsStorage holds a connection string otherwise).</summary>
    public static readonly string StorageAccountName = $"{StorageSettings.SettingName}__accountName";

    /// <summary>Settings the app reads that a deployment need not set: the code's defaults suit production. Why, each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Optional = new Dictionary<string, string>
    {
        [Setting(nameof(OrchestrationOptions.SigningKeyPath))] = "the key comes inline from Key Vault (SigningKeyPem)",
        [Setting(nameof(OrchestrationOptions.LinkLifetime))] = "default 1 h (at most 24 h)",
        [Setting(nameof(OrchestrationOptions.TaskAttemptBudget))] = "default 6",
        [Setting(nameof(OrchestrationOptions.RetryBaseDelay))] = "default 10 s",
        [Setting(nameof(OrchestrationOptions.RetryMaxDelay))] = "default 15 min",
        [Setting(nameof(OrchestrationOptions.TaskTimeout))] = "default 10 min",
        [Setting(nameof(OrchestrationOptions.TaskLease))] = "default 12 min",
        [Setting(nameof(OrchestrationOptions.AssemblyLease))] = "default 10 min",
        ["PrivacySync__Testing__CrashAt"] = "test-only fault point: the app refuses to start with it outside the local Functions host",
        ["PrivacySync__Testing__CrashOnceFile"] = "test-only, with CrashAt",
        [Setting("Teams__StatusBaseUrl")] = "default https://<WEBSITE_HOSTNAME>, the app's own address",
        [Setting("Teams__PostsPerSecond")] = "default 4 posts per second per webhook",
        [Setting("Teams__AttemptBudget")] = "default 6 posts per card",
        [Setting("Teams__RetryBaseDelay")] = "default 5 s, doubling",
        ["PrivacySync__Telemetry__LocalExporter"] = "only where Application Insights is not configured (local runs); the template sets its connection string",
    };

    /// <summary>
    /// Settings the template sets ahead of the code that will read them, with the issue that brings it. When the code
    /// starts reading one, the consistency test says to move it out of this list.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Planned = new Dictionary<string, string>
    {
    };

    /// <summary>Settings the Functions host (not the app) reads; <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> is added per function.</summary>
    public static IReadOnlySet<string> Host() => new HashSet<string>(StringComparer.Ordinal)
    {
        StorageAccountName,
        $"{StorageSettings.SettingName}__credential",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AzureWebJobsScriptRoot",
        "AzureWebJobsSecretStorageType",
        "AzureFunctionsWebHost__hostid",
        "AzureFunctionsJobHost__Logging__Console__IsEnabled",
        "FUNCTIONS_WORKER_RUNTIME",
    }.Concat(AppFunctions.Names().Select(Disabled)).ToHashSet(StringComparer.Ordinal);

    public static string Disabled(string function) => $"AzureWebJobs.{function}.Disabled";

    /// <summary>
    /// Fixed settings the app reads: the PrivacySync: options (every settable property of the options classes bound to
    /// that section), every "PrivacySync:…" setting name the code holds as a constant, and the storage connection.
    /// </summary>
    public static IReadOnlySet<string> ReadByApp()
    {
        var settings = new HashSet<string>(StringComparer.Ordinal) { StorageSettings.SettingName };
        foreach (var (options, section) in new[] { (typeof(OrchestrationOptions), OrchestrationOptions.Section), (typeof(AzureAdOptions), AzureAdOptions.Section) })
        {
            settings.UnionWith(options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{section}__{p.Name}"));
        }

        var assemblies = new[] { typeof(OrchestrationOptions).Assembly, typeof(StorageSettings).Assembly };
        settings.UnionWith(assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith(OrchestrationOptions.Section + ":", StringComparison.Ordinal) && v.Length > OrchestrationOptions.Section.Length + 1)
            .Select(v => v.Replace(":", "__", StringComparison.Ordinal)));
        return settings;
    }

    /// <summary>The secrets among <see cref="ReadByApp"/>: the template must give them as Key Vault references.</summary>
    public static IReadOnlyList<string> Secrets() => [.. CloudSecrets(), .. SharedSecrets()];

    /// <summary>Secrets only the cloud app holds (it collects and serves the API); never the on-premises host.</summary>
    public static IReadOnlyList<string> CloudSecrets() =>
    [
        Setting(nameof(OrchestrationOptions.SigningKeyPem)),
        Setting(nameof(OrchestrationOptions.SubjectSalt)),
        Setting(nameof(OrchestrationOptions.LinkSecret)),
        Setting(nameof(OrchestrationOptions.PackageKey)),
    ];

    /// <summary>Secrets every process holds: the audit key, because every process appends audit events.</summary>
    public static IReadOnlyList<string> SharedSecrets() => [Setting(nameof(OrchestrationOptions.AuditKey))];

    /// <summary>The settings a process needs wherever it runs (the configuration document's path, the storage account).</summary>
    public static string ConfigPath => Setting(nameof(OrchestrationOptions.ConfigPath));

    /// <summary>The sample configuration document's systems (functions/PrivacySync.Functions/config/privacysync.json).</summary>
    public static IReadOnlyList<ConfiguredSystem> Systems()
    {
        var document = ConfigurationDocument();
        return ((JArray)document["Systems"]!).OfType<JObject>().Select(system => new ConfiguredSystem(
                (string)system["Id"]!,
                (string?)system["Queue"] ?? "cloud",
                system["Entities"]?.Values<string>().OfType<string>().ToList() ?? [],
                NamedSettings(system).ToList()))
            .ToList();
    }

    /// <summary>The app settings each legal entity of the sample configuration names (its Teams webhook, by reference): entity id → settings.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> EntitySettings() =>
        ((JArray)ConfigurationDocument()["LegalEntities"]!).OfType<JObject>().ToDictionary(
            entity => (string)entity["Id"]!,
            entity => (IReadOnlyList<string>)(entity["Teams"]?["WebhookReference"] is { Type: JTokenType.String } reference ? [(string)reference!] : []));

    public static int RequestDataRetentionDays() => (int)ConfigurationDocument()["RequestDataRetentionDays"]!;

    public static JObject ConfigurationDocument() =>
        JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json")));

    private static string Setting(string property) => $"{OrchestrationOptions.Section}__{property}";

    /// <summary>CredentialReference and every "…Setting" property of the system's Connector name an app setting (ConnectorOptions).</summary>
    private static IEnumerable<string> NamedSettings(JObject system)
    {
        if ((string?)system["CredentialReference"] is { Length: > 0 } credential) yield return credential;
        if (system["Connector"] is not JObject connector) yield break;
        foreach (var property in connector.Descendants().OfType<JProperty>())
        {
            if (property.Name.EndsWith("Setting", StringComparison.Ordinal) && property.Value.Type == JTokenType.String)
            {
                yield return (string)property.Value!;
            }
        }
    }
}
