using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Tests.Infra;

/// <summary>
/// main.bicep (compiled) against the code: every queue, table and container the code names is created, every setting
/// the app reads is set or named optional, secrets are Key Vault references to secrets the template creates, and
/// every function is accounted for.
/// </summary>
public sealed partial class DeploymentConsistencyTests
{
    public static TheoryData<string> ParameterFiles() => [.. Bicep.ParameterFilePaths().Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public async Task CreatesEveryQueueTheCodeUsesWithItsPoisonQueue()
    {
        var main = await Bicep.MainAsync();
        var storage = Bicep.ModuleTemplate(main, "storage");

        var created = Values(main["variables"]!["queues"]!);

        Assert.Equal(Constants(typeof(QueueNames)).Order(), created.Order());
        Assert.Equal("[map(items(variables('queues')), lambda('q', lambdaVariables('q').value))]",
            Bicep.ModuleExpression(main, "storage", "queueNames"));
        var queueResources = Bicep.Resources(storage).Where(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/queueServices/queues").ToList();
        Assert.Contains(queueResources, r => ((string)r["name"]!).Contains("parameters('queueNames')[copyIndex()])]", StringComparison.Ordinal)
            && !((string)r["name"]!).Contains("-poison", StringComparison.Ordinal));
        Assert.Contains(queueResources, r => ((string)r["name"]!).Contains("format('{0}-poison', parameters('queueNames')[copyIndex()])", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatesEveryTableAndContainerTheCodeUses()
    {
        var main = await Bicep.MainAsync();
        var stores = typeof(StoreNames).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        var codeTables = stores.Where(f => f.Name.EndsWith("Table", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var codeContainers = stores.Where(f => f.Name.EndsWith("Container", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToList();

        var tables = Values(main["variables"]!["tables"]!);
        var containers = Values(main["variables"]!["containers"]!);

        Assert.Equal(stores.Count, codeTables.Count + codeContainers.Count);
        Assert.Equal(codeTables.Order(), tables.Order());
        Assert.Empty(codeContainers.Except(containers));
        Assert.Equal("[map(items(variables('tables')), lambda('t', lambdaVariables('t').value))]",
            Bicep.ModuleExpression(main, "storage", "tableNames"));
        Assert.Equal("[map(items(variables('containers')), lambda('c', lambdaVariables('c').value))]",
            Bicep.ModuleExpression(main, "storage", "containerNames"));
    }

    [Fact]
    public async Task CreatesNoContainerBeyondTheCodesAndTheHosts()
    {
        var main = await Bicep.MainAsync();
        var codeContainers = new[] { StoreNames.SubjectsContainer, StoreNames.ResultsContainer, StoreNames.OutputsContainer, StoreNames.ReportsContainer };
        string[] host = ["azure-webjobs-hosts", "azure-webjobs-secrets", "app-package"];

        var extra = Values(main["variables"]!["containers"]!).Except(codeContainers).Order().ToList();

        Assert.Equal([.. host.Order()], extra);
    }

    [Fact]
    public async Task SetsEverySettingTheAppReadsOrNamesItOptional()
    {
        var main = await Bicep.MainAsync();
        var set = CloudSettings(main);

        var missing = AppSettings.ReadByApp()
            .Where(s => !set.Contains(s) && !AppSettings.Optional.ContainsKey(s))
            // The identity-based form stands for AzureWebJobsStorage.
            .Where(s => !(s == "AzureWebJobsStorage" && set.Contains(AppSettings.StorageAccountName)))
            .ToList();

        Assert.Empty(missing);
        Assert.Contains(AppSettings.ConfigPath, set);
    }

    [Fact]
    public async Task SetsOnlySettingsTheAppOrTheHostReadsOrThatArePlanned()
    {
        var main = await Bicep.MainAsync();
        var known = AppSettings.ReadByApp().Concat(AppSettings.Host()).Concat(AppSettings.Planned.Keys).ToHashSet(StringComparer.Ordinal);

        var unknown = CloudSettings(main).Where(s => !known.Contains(s)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void OptionalAndPlannedListsNameOnlyWhatTheyClaim()
    {
        var read = AppSettings.ReadByApp();

        Assert.Empty(AppSettings.Optional.Keys.Except(read));
        // Once the code reads a planned setting, it belongs to the app's settings: move it out of Planned.
        Assert.Empty(AppSettings.Planned.Keys.Intersect(read));
    }

    [Fact]
    public async Task GivesEverySecretAsAKeyVaultReferenceToASecretTheTemplateCreates()
    {
        var main = await Bicep.MainAsync();
        var appSecrets = (JObject)main["variables"]!["appSecretNames"]!;
        var vault = Bicep.ModuleTemplate(main, "keyvault");
        var app = Bicep.ModuleTemplate(main, "functionapp");

        // One mapping (setting -> secret name) feeds both the vault's secrets and the app's references.
        Assert.Equal("[variables('secretNames')]", Bicep.ModuleExpression(main, "keyvault", "secretNames"));
        Assert.Equal("[variables('secretNames')]", Bicep.ModuleExpression(main, "functionapp", "keyVaultSecretNames"));
        Assert.Equal("[union(variables('appSecretNames'), variables('referencedSecretNames'))]", (string)main["variables"]!["secretNames"]!);
        var secretResource = Bicep.Resources(vault).Single(r => (string?)r["type"] == "Microsoft.KeyVault/vaults/secrets");
        Assert.Equal("[format('{0}/{1}', parameters('name'), items(parameters('secretNames'))[copyIndex()].value)]", (string)secretResource["name"]!);
        var references = ((JArray)app["variables"]!["copy"]!).Single(c => (string?)c["name"] == "secretSettings");
        Assert.Equal("[items(parameters('keyVaultSecretNames'))[copyIndex('secretSettings')].key]", (string)references["input"]!["name"]!);
        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', parameters('keyVaultName'), items(parameters('keyVaultSecretNames'))[copyIndex('secretSettings')].value)",
            (string)references["input"]!["value"]!, StringComparison.Ordinal);

        // The app's own secrets are all among them, never plain settings.
        Assert.Empty(AppSettings.Secrets().Except(appSecrets.Properties().Select(p => p.Name)));
        Assert.Empty(PlainSettings(main).Intersect(AppSettings.Secrets()));
        foreach (var name in appSecrets.Properties().Select(p => (string)p.Value!))
        {
            Assert.Matches(SecretNamePattern(), name);
        }
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFileGivesTheSecretsOfItsEntitysCloudSystemsAsValidSecretNames(string fileName)
    {
        var file = Bicep.InfraPath(Path.Combine("params", fileName));
        var entity = (string)(await Bicep.ParameterAsync(file, "legalEntityId"))!;
        var referenced = (await Bicep.ParameterAsync(file, "referencedSecretSettings")).Values<string>().OfType<string>().ToList();
        var values = (JObject)await Bicep.ParameterAsync(file, "referencedSecrets");
        var systems = AppSettings.Systems().Where(s => s.Entities.Contains(entity)).ToList();

        Assert.NotEmpty(systems);
        var cloud = systems.Where(s => !s.RunsOnPremises).SelectMany(s => s.Settings)
            .Concat(AppSettings.EntitySettings().GetValueOrDefault(entity) ?? []).Distinct().ToList();
        var onPrem = systems.Where(s => s.RunsOnPremises).SelectMany(s => s.Settings).ToList();
        Assert.Empty(cloud.Except(referenced));
        // On-premises systems' secrets never reach the cloud app.
        Assert.Empty(onPrem.Intersect(referenced));
        Assert.Empty(referenced.Except(cloud).Except(AppSettings.Planned.Keys));
        Assert.Equal(referenced.Order(), values.Properties().Select(p => p.Name).Order());
        Assert.Equal(referenced.Count, referenced.Distinct().Count());
        var secretNames = referenced.Select(s => s.Replace('_', '-').ToLowerInvariant()).ToList();
        Assert.All(secretNames, n => Assert.Matches(SecretNamePattern(), n));
        var appSecretNames = ((JObject)(await Bicep.MainAsync())["variables"]!["appSecretNames"]!).Properties().Select(p => (string)p.Value!);
        Assert.Empty(secretNames.Intersect(appSecretNames));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFileDeletesResultsAndExportsAfterTheConfigurationDocumentsRetention(string fileName)
    {
        var file = Bicep.InfraPath(Path.Combine("params", fileName));
        var main = await Bicep.MainAsync();
        var storage = Bicep.ModuleTemplate(main, "storage");

        var days = (int)await Bicep.ParameterAsync(file, "requestDataRetentionDays");

        Assert.Equal(AppSettings.RequestDataRetentionDays(), days);
        var lifecycle = Bicep.Resources(storage).Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = ((JArray)lifecycle["properties"]!["policy"]!["rules"]!).OfType<JObject>().ToDictionary(r => (string)r["name"]!);
        Assert.Equal("[parameters('requestDataRetentionDays')]",
            (string)rules["delete-system-results"]["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!);
        foreach (var (rule, tag) in new[] { ("delete-export-packages", "package"), ("delete-protected-export-packages", "protectedCopy") })
        {
            Assert.Equal("[parameters('requestDataRetentionDays')]",
                (string)rules[rule]["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!);
            var match = (JObject)Assert.Single((JArray)rules[rule]["definition"]!["filters"]!["blobIndexMatch"]!);
            Assert.Equal($"[parameters('exportPackageTags').{tag}]", (string?)match["value"]);
        }

        // The tags the rules match are the names the app gives the package and its protected copy (BlobOutputStore tags each output with its file name).
        var tags = (JObject)Bicep.ModuleParameter(main, "storage", "exportPackageTags");
        Assert.Equal(
            (PrivacySync.Storage.Stores.BlobOutputStore.OutputTag, OutputFiles.ExportPackage, OutputFiles.ProtectedExportPackage),
            ((string)tags["name"]!, (string)tags["package"]!, (string)tags["protectedCopy"]!));
        Assert.Equal("[parameters('requestDataRetentionDays')]", Bicep.ModuleExpression(main, "storage", "requestDataRetentionDays"));
        Assert.Equal("[variables('containers').results]", Bicep.ModuleExpression(main, "storage", "resultsContainerName"));
        Assert.Equal("[variables('containers').outputs]", Bicep.ModuleExpression(main, "storage", "outputsContainerName"));
    }

    [Fact]
    public async Task PublishedFunctionsMetadataListsExactlyTheAppsFunctions()
    {
        var folder = await PrivacySync.Tests.Infrastructure.PublishedApp.FolderAsync(TestContext.Current.CancellationToken);
        var metadata = JArray.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "functions.metadata"), TestContext.Current.CancellationToken));

        Assert.Equal(AppFunctions.Names(), metadata.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder, "worker.config.json")));
        Assert.True(Directory.Exists(Path.Combine(folder, ".azurefunctions")));
        Assert.False(Directory.EnumerateFiles(folder, "function.json", SearchOption.AllDirectories).Any(), "no function.json in an isolated-worker publish");
    }

    [Fact]
    public async Task RunsEveryFunctionInTheCloudButTheOnPremTask()
    {
        var main = await Bicep.MainAsync();
        var settings = (JObject)Bicep.ModuleParameter(main, "functionapp", "settings");
        var functions = AppFunctions.Names();

        var disabled = settings.Properties()
            .Where(p => p.Name.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && p.Name.EndsWith(".Disabled", StringComparison.Ordinal))
            .ToDictionary(p => p.Name["AzureWebJobs.".Length..^".Disabled".Length], p => (string)p.Value!);

        Assert.Contains(AppFunctions.OnPremOnly, functions);
        Assert.Equal(new Dictionary<string, string> { [AppFunctions.OnPremOnly] = "true" }, disabled);
        var alwaysReady = ((JArray)Bicep.ModuleParameter(main, "functionapp", "alwaysReady")).Select(a => (string)a["name"]!).ToList();
        Assert.All(alwaysReady, name => Assert.True(
            name == "http" || (name.StartsWith("function:", StringComparison.Ordinal) && functions.Contains(name["function:".Length..]) && name != $"function:{AppFunctions.OnPremOnly}"),
            $"always-ready group '{name}' names no function the cloud app runs"));
    }

    [Fact]
    public async Task RunsOnFlexConsumptionWithTheIsolatedWorkerAndIdentityBasedStorage()
    {
        var main = await Bicep.MainAsync();
        var app = Bicep.ModuleTemplate(main, "functionapp");

        var plan = Bicep.Resources(app).Single(r => (string?)r["type"] == "Microsoft.Web/serverfarms");
        var site = Bicep.Resources(app).Single(r => (string?)r["type"] == "Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string)plan["sku"]!["name"]!);
        Assert.Equal("FlexConsumption", (string)plan["sku"]!["tier"]!);
        Assert.Equal("dotnet-isolated", (string)config["runtime"]!["name"]!);
        Assert.Equal("10.0", (string)config["runtime"]!["version"]!);
        Assert.Equal("SystemAssignedIdentity", (string)config["deployment"]!["storage"]!["authentication"]!["type"]!);
        Assert.Equal("SystemAssigned", (string)site["identity"]!["type"]!);
        var appSettings = (string)site["properties"]!["siteConfig"]!["appSettings"]!;
        Assert.Contains("createObject('name', 'AzureWebJobsStorage__accountName'", appSettings, StringComparison.Ordinal);
        Assert.Contains("createObject('name', 'AzureWebJobsStorage__credential', 'value', 'managedidentity')", appSettings, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", main.ToString(), StringComparison.Ordinal);
        Assert.Equal("[variables('containers').deployment]", Bicep.ModuleExpression(main, "functionapp", "deploymentContainerName"));
    }

    /// <summary>Every app setting main.bicep gives the cloud app (fixed, plain, and Key Vault references).</summary>
    private static HashSet<string> CloudSettings(JObject main)
    {
        var app = Bicep.ModuleTemplate(main, "functionapp");
        var site = Bicep.Resources(app).Single(r => (string?)r["type"] == "Microsoft.Web/sites");
        var fixedSettings = FixedSettingPattern().Matches((string)site["properties"]!["siteConfig"]!["appSettings"]!).Select(m => m.Groups[1].Value);
        var secrets = ((JObject)main["variables"]!["appSecretNames"]!).Properties().Select(p => p.Name);
        return fixedSettings.Concat(PlainSettings(main)).Concat(secrets).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> PlainSettings(JObject main) =>
        ((JObject)Bicep.ModuleParameter(main, "functionapp", "settings")).Properties().Select(p => p.Name);

    private static List<string> Values(JToken namesObject) => ((JObject)namesObject).Properties().Select(p => (string)p.Value!).ToList();

    private static List<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

    [GeneratedRegex(@"createObject\('name', '([^']+)'")]
    private static partial Regex FixedSettingPattern();

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex SecretNamePattern();
}
