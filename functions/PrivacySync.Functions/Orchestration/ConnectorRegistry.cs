using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Functions.Orchestration;

/// <summary>One way to build a connector for a configured system of one kind.</summary>
public sealed record ConnectorKindRegistration(string Kind, Func<IServiceProvider, SystemOptions, IConnector> Create);

/// <summary>Builds the connector for a configured system from the kinds registered with <c>AddConnectorKind</c>.</summary>
public sealed class ConnectorRegistry(IEnumerable<ConnectorKindRegistration> registrations, IServiceProvider services)
{
    private readonly Dictionary<string, ConnectorKindRegistration> kinds =
        registrations.GroupBy(r => r.Kind, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public bool Knows(string kind) => kinds.ContainsKey(kind);

    public IReadOnlyCollection<string> Kinds => kinds.Keys;

    /// <exception cref="PermanentConnectorException">No connector of the system's kind is installed.</exception>
    public IConnector Create(SystemOptions system) =>
        kinds.TryGetValue(system.Kind ?? "", out var registration)
            ? registration.Create(services, system)
            : throw new PermanentConnectorException($"No connector for kind '{system.Kind}' is installed in this function app (system {system.Id}).");
}
