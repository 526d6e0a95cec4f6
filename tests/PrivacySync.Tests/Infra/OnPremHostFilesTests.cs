using System.Text.RegularExpressions;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Infra;

/// <summary>
/// infra/onprem (Dockerfile, Kubernetes manifest) against the code: it runs only RunOnPremSystemTask, scales on the
/// queue that function takes, gives the on-premises systems their settings and names no setting nothing reads.
/// </summary>
public sealed partial class OnPremHostFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(Bicep.InfraPath("onprem/Dockerfile"));
    private static readonly string Manifest = File.ReadAllText(Bicep.InfraPath("onprem/kubernetes.yaml"));

    [Fact]
    public void DockerfileBuildsOnTheFunctionsHostImageForIsolatedNet10FromThePublishFolder()
    {
        var from = FromPattern().Matches(Dockerfile).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0"], from);
        Assert.Matches(CopyPattern(), Dockerfile);
        Assert.Equal("/home/site/wwwroot", DockerfileEnvironment()["AzureWebJobsScriptRoot"]);
        Assert.Equal("dotnet-isolated", DockerfileEnvironment()["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void DisablesExactlyTheFunctionsThatAreNotTheOnPremTask()
    {
        var functions = AppFunctions.Names();
        var dockerfile = DockerfileEnvironment();

        var disabled = dockerfile.Where(e => DisabledPattern().IsMatch(e.Key)).ToDictionary(e => DisabledPattern().Match(e.Key).Groups[1].Value, e => e.Value);

        Assert.Equal(functions.Where(f => f != AppFunctions.OnPremOnly).Order(), disabled.Keys.Order());
        Assert.All(disabled.Values, v => Assert.Equal("true", v));
        // The manifest does not switch any function back on (nor off: one place, the image).
        Assert.DoesNotContain(ManifestEnvironment(), name => DisabledPattern().IsMatch(name));
    }

    [Fact]
    public void ScalesOnTheQueueTheOnPremTaskTakesWithWorkloadIdentity()
    {
        var trigger = KedaTriggerPattern().Match(Manifest);

        Assert.True(trigger.Success, "kubernetes.yaml has an azure-queue trigger");
        Assert.Equal(QueueNames.OnPremTasks, trigger.Groups["queue"].Value);
        Assert.Contains("kind: ScaledObject", Manifest, StringComparison.Ordinal);
        Assert.Matches(@"kind: TriggerAuthentication\s+metadata:\s+name: privacysync-onprem-queue", Manifest);
        Assert.Matches(@"authenticationRef:\s+name: privacysync-onprem-queue", Manifest);
        Assert.Matches(@"provider: azure-workload", Manifest);
        Assert.Contains("serviceAccountName: privacysync-onprem", Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceAccountsOfTheManifestAreTheOnesTheTemplateFederates()
    {
        var main = await Bicep.MainAsync();
        var federated = main["parameters"]!["onPremServiceAccounts"]!["defaultValue"]!.Values<string>().ToList();

        Assert.Contains("system:serviceaccount:privacysync:privacysync-onprem", federated);
        Assert.Matches(@"kind: ServiceAccount\s+metadata:\s+name: privacysync-onprem\s+namespace: privacysync", Manifest);
    }

    [Fact]
    public void GivesEveryOnPremSystemItsSettingsAndNoCloudSecret()
    {
        var environment = ManifestEnvironment();
        var onPrem = AppSettings.Systems().Where(s => s.RunsOnPremises).ToList();

        Assert.NotEmpty(onPrem);
        Assert.Empty(onPrem.SelectMany(s => s.Settings).Except(environment));
        Assert.Contains(AppSettings.StorageAccountName, environment);
        Assert.Contains(AppSettings.ConfigPath, environment);
        // The on-premises host neither collects nor serves the API: no signing key, subject salt or link secret. It
        // appends its tasks' audit events, so it holds the audit key.
        Assert.Empty(AppSettings.CloudSecrets().Intersect(environment.Concat(DockerfileEnvironment().Keys)));
        Assert.Empty(AppSettings.SharedSecrets().Except(environment));
        var cloudOnly = AppSettings.Systems().Where(s => !s.RunsOnPremises).SelectMany(s => s.Settings);
        Assert.Empty(cloudOnly.Intersect(environment));
    }

    [Fact]
    public void NamesOnlySettingsTheAppOrTheHostReads()
    {
        var onPremSystems = AppSettings.Systems().Where(s => s.RunsOnPremises).SelectMany(s => s.Settings);
        var known = AppSettings.ReadByApp().Concat(AppSettings.Host()).Concat(onPremSystems).ToHashSet(StringComparer.Ordinal);

        var named = ManifestEnvironment().Concat(DockerfileEnvironment().Keys).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(known));
    }

    [Fact]
    public void ListensOnNoPortAndAcceptsNoInboundTraffic()
    {
        Assert.DoesNotMatch(@"kind:\s*(Service|Ingress)\b", Manifest);
        Assert.DoesNotContain("containerPort", Manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("EXPOSE", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"policyTypes: \[""Ingress"", ""Egress""\]\s+ingress: \[\]", Manifest);
    }

    [Fact]
    public void TheSystemdWorkerUnitIsGone()
    {
        Assert.False(File.Exists(Bicep.InfraPath("onprem/privacysync-worker.service")));
        Assert.DoesNotContain("systemctl", File.ReadAllText(Bicep.InfraPath("onprem/README.md")), StringComparison.Ordinal);
    }

    /// <summary>The Dockerfile's ENV instructions (continued lines joined) as name -> value.</summary>
    private static Dictionary<string, string> DockerfileEnvironment()
    {
        var joined = Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n')
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(line => line["ENV ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
    }

    /// <summary>Names of the container's environment entries (each "- name:" followed by value or valueFrom).</summary>
    private static List<string> ManifestEnvironment() =>
        EnvEntryPattern().Matches(Manifest).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"^COPY\s+\.\s+/home/site/wwwroot\s*$", RegexOptions.Multiline)]
    private static partial Regex CopyPattern();

    [GeneratedRegex(@"^AzureWebJobs\.([A-Za-z0-9_]+)\.Disabled$")]
    private static partial Regex DisabledPattern();

    [GeneratedRegex(@"-\s+name:\s+(\S+)\s*\n\s+(?:value|valueFrom):")]
    private static partial Regex EnvEntryPattern();

    [GeneratedRegex(@"-\s+type:\s+azure-queue\s+metadata:\s+queueName:\s+(?<queue>\S+)")]
    private static partial Regex KedaTriggerPattern();
}
