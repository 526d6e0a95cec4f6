using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.HrDatabase;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// The local environment's files, derived from the shipped (production-shaped) configuration: the same legal
/// entities, retention rules and data categories, with every system pointed at the sandbox and its credentials in
/// app settings the worker reads from the environment (worker.env). Systems the sandbox cannot stand in for are left
/// out and listed.
/// </summary>
internal sealed class LocalEnvironment(SandboxAddresses sandbox, string hrProvider, string hrConnectionString, DirectoryInfo folder)
{
    public const string ConfigFile = "privacysync.local.json";
    public const string MappingFile = "hr-sample.mapping.json";
    public const string WorkerSettingsFile = "worker.env";
    public const string SandboxEndpointsFile = "sandbox.json";

    /// <summary>The sample HR database's national-id hashing key (fictional data; a real key lives in Key Vault).</summary>
    public const string NationalIdHashKey = "sandbox-hr-national-id-hashing-key-0001";

    private const string GraphTokenSetting = "PRIVACYSYNC_GRAPH_SANDBOX_TOKEN";
    private const string NationalIdKeySetting = "PRIVACYSYNC_HR_DB_NO_NATIONAL_ID_KEY";
    private const string PseudonymKeySetting = "PRIVACYSYNC_HR_DB_NO_PSEUDONYM_KEY";
    private static readonly string HrRestSigningKey = System.Text.Encoding.UTF8.GetString(HrRest.HrRestSimulatorOptions.DefaultSigningKey);

    private readonly Dictionary<string, string> settings = new(StringComparer.Ordinal);
    private bool hrDatabaseUsed;
    private bool hrRestUsed;

    public string? GraphToken { get; set; }

    /// <summary>The sandbox tenant the API trusts (AzureAd settings) and the officers' accounts (endpoints.json).</summary>
    public EntraTenant? Tenant { get; set; }

    public string ConfigPath => Path.Combine(folder.FullName, ConfigFile);

    public IReadOnlyList<string> LeftOut { get; private set; } = [];

    /// <summary>Writes the local configuration and the HR mapping; answers the configuration written.</summary>
    public JObject WriteConfiguration(JObject sample)
    {
        var config = (JObject)sample.DeepClone();
        var systems = (JArray?)config["Systems"] ?? [];
        var leftOut = new List<string>();
        foreach (var system in systems.Children<JObject>().ToList())
        {
            if (!Localise(system))
            {
                leftOut.Add((string?)system["Id"] ?? "?");
                system.Remove();
            }
        }

        LeftOut = leftOut;
        File.WriteAllText(ConfigPath, config.ToString(Formatting.Indented));
        File.WriteAllText(Path.Combine(folder.FullName, MappingFile), HrSample.MappingJson);
        return config;
    }

    /// <summary>The officers of the demo's legal entity (they submit and approve).</summary>
    public IReadOnlyList<string> Officers(JObject config) =>
        Entity(config, DemoPersona.LegalEntity)["Officers"]?.Values<string>().OfType<string>().ToList() ?? [];

    /// <summary>worker.env: one <c>NAME='value'</c> line per credential setting, for a shell to source.</summary>
    public void WriteWorkerSettings()
    {
        if (GraphToken is not null)
        {
            settings[GraphTokenSetting] = GraphToken;
        }

        if (Tenant is not null)
        {
            settings["AzureAd__Instance"] = Tenant.Instance;
            settings["AzureAd__TenantId"] = Tenant.TenantId;
            settings["AzureAd__ClientId"] = Tenant.ApiClientId;
            settings["AzureAd__Audience"] = Tenant.ApiAudience;
        }

        var lines = settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}='{s.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'");
        File.WriteAllText(Path.Combine(folder.FullName, WorkerSettingsFile), string.Join('\n', lines) + "\n");
    }

    /// <summary>The sandbox half of endpoints.json; the scripts add api, functionKey and storageConnectionString once the worker is up.</summary>
    public void WriteSandboxEndpoints(JObject config)
    {
        var endpoints = new JObject
        {
            ["hubspot"] = SandboxAddresses.Text(sandbox.HubSpot),
            ["hubspotToken"] = sandbox.HubSpotToken,
            ["graph"] = SandboxAddresses.Text(sandbox.Graph),
            ["hr"] = SandboxAddresses.Text(sandbox.Hr),
            ["entra"] = Tenant is null ? null : new JObject
            {
                ["tenantId"] = Tenant.TenantId,
                ["tokenEndpoint"] = Tenant.TokenEndpoint,
                ["scope"] = Tenant.Scope,
                // Sandbox only: a public client for the password grant, so a script can sign an officer in.
                ["scriptClientId"] = Tenant.ScriptClientId,
                ["teamsFlow"] = new JObject { ["clientId"] = Tenant.FlowClientId, ["clientSecret"] = Tenant.FlowClientSecret },
            },
            ["entities"] = new JArray(((JArray?)config["LegalEntities"] ?? []).Children<JObject>().Select(e => new JObject
            {
                ["id"] = e["Id"],
                ["jurisdiction"] = e["Jurisdiction"],
                ["language"] = e["DefaultLanguage"],
                ["officers"] = new JArray((e["Officers"]?.Values<string>().OfType<string>() ?? []).Select(OfficerAccount)),
            })),
            ["demoEntity"] = DemoPersona.LegalEntity,
        };
        File.WriteAllText(Path.Combine(folder.FullName, SandboxEndpointsFile), endpoints.ToString(Formatting.Indented));
    }

    private JObject OfficerAccount(string officerId)
    {
        var account = Tenant?.Officers.FirstOrDefault(o => string.Equals(o.Id, officerId, StringComparison.OrdinalIgnoreCase));
        return new JObject
        {
            ["id"] = officerId,
            ["objectId"] = account?.ObjectId,
            ["username"] = account?.UserPrincipalName,
            ["password"] = account?.Password,
        };
    }

    private bool Localise(JObject system)
    {
        var connector = system["Connector"] as JObject ?? [];
        switch ((string?)system["Kind"])
        {
            case "hubspot":
                system["Endpoint"] = SandboxAddresses.Text(sandbox.HubSpot);
                Set(system, sandbox.HubSpotToken);
                break;
            case "microsoft365":
                system["Endpoint"] = SandboxAddresses.Text(sandbox.Graph);
                system["CredentialReference"] = GraphTokenSetting;
                connector["Credential"] = "static-token";
                connector["Mode"] = "mailbox";
                connector["MailboxScope"] = "all";
                connector["TenantId"] ??= "7d4b1c2e-5f60-4a8b-9c0d-1e2f3a4b5c6d";
                connector["ClientId"] ??= "00000000-0000-0000-0000-00000000a11c";
                connector.Remove("CertificatePath");
                connector.Remove("ManagedIdentityClientId");
                system["Connector"] = connector;
                break;
            case "hr-rest" when !hrRestUsed:
                // One HR REST simulator with one signing key stands in for one system: two systems sharing a key
                // would break the rule that every secret is distinct (checked at start).
                hrRestUsed = true;
                system["Endpoint"] = SandboxAddresses.Text(sandbox.Hr);
                Set(system, HrRestSigningKey);
                break;
            case "hr-sql" when !hrDatabaseUsed && Serves(system, DemoPersona.LegalEntity):
                // The sample HR database stands in for the demo entity's HR database; it stays on its (on-prem) queue.
                hrDatabaseUsed = true;
                system["Endpoint"] = hrProvider == "sqlite" ? new Uri(HrDatabaseFile()).AbsoluteUri : "postgresql://127.0.0.1/postgres";
                Set(system, hrConnectionString);
                connector["Provider"] = hrProvider;
                connector["Mapping"] = MappingFile;
                connector["NationalIdHashKeySetting"] = NationalIdKeySetting;
                settings[NationalIdKeySetting] = NationalIdHashKey;
                connector["PseudonymisationKeySetting"] = PseudonymKeySetting;
                settings[PseudonymKeySetting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                system["Connector"] = connector;
                break;
            default:
                return false;
        }

        return true;
    }

    private static bool Serves(JObject system, string entity) =>
        system["Entities"] is not JArray { Count: > 0 } entities || entities.Values<string>().Contains(entity);

    private void Set(JObject system, string value)
    {
        var reference = (string?)system["CredentialReference"] ?? throw new InvalidOperationException($"System {system["Id"]} has no CredentialReference.");
        settings[reference] = value;
    }

    private string HrDatabaseFile()
    {
        foreach (var part in hrConnectionString.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("Data Source", StringComparison.OrdinalIgnoreCase))
            {
                return Path.GetFullPath(pair[1]);
            }
        }

        throw new InvalidOperationException("--hr-db: a SQLite connection string needs 'Data Source=<file>'.");
    }

    private static JObject Entity(JObject config, string id) =>
        ((JArray?)config["LegalEntities"] ?? []).Children<JObject>().FirstOrDefault(e => (string?)e["Id"] == id)
        ?? throw new InvalidOperationException($"The sample configuration has no legal entity '{id}'.");
}
