using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Functions.Connectors;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Connectors;

/// <summary>The connector kinds the app installs (<see cref="ConnectorsServiceCollectionExtensions.AddPrivacySyncConnectors"/>), for checking configurations.</summary>
internal static class InstalledKinds
{
    private static readonly JsonSerializer WithoutNulls = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });

    public static IReadOnlyCollection<IConnectorKind> All { get; } = Build(_ => { });

    /// <summary>The app's kinds plus what <paramref name="install"/> adds.</summary>
    public static IReadOnlyCollection<IConnectorKind> Build(Action<IServiceCollection> install)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<OrchestrationOptions>();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPrivacySyncConnectors(configuration);
        install(services);
        return [.. services.BuildServiceProvider().GetServices<IConnectorKind>()];
    }

    /// <summary>Every problem of <paramref name="options"/>, kind-specific settings included.</summary>
    public static IReadOnlyList<string> Errors(PrivacySyncOptions options) => OptionsValidator.Validate(options, All);

    /// <summary>A Connector section as written in the document: the settings that are set.</summary>
    public static JObject Section(object settings) => JObject.FromObject(settings, WithoutNulls);
}
