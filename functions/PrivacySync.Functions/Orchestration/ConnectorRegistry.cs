using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// One way to build a connector for a configured system of one kind. The factory may do I/O (open a database and
/// validate its mapping) and may hand out a cached instance: the caller never disposes what it gets.
/// </summary>
public sealed record ConnectorKindRegistration(
    string Kind, Func<IServiceProvider, SystemOptions, CancellationToken, ValueTask<IConnector>> CreateAsync);

/// <summary>Builds the connector for a configured system from the kinds registered with <c>AddConnectorKind</c>.</summary>
public sealed class ConnectorRegistry(IEnumerable<ConnectorKindRegistration> registrations, IServiceProvider services)
{
    private readonly Dictionary<string, ConnectorKindRegistration> kinds =
        registrations.GroupBy(r => r.Kind, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public bool Knows(string kind) => kinds.ContainsKey(kind);

    public IReadOnlyCollection<string> Kinds => kinds.Keys;

    /// <exception cref="PermanentConnectorException">No connector of the system's kind is installed, or its settings are unusable.</exception>
    /// <exception cref="TransientConnectorException">The system could not be reached to set the connector up.</exception>
    public ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken) =>
        kinds.TryGetValue(system.Kind ?? "", out var registration)
            ? registration.CreateAsync(services, system, cancellationToken)
            : throw new PermanentConnectorException($"No connector for kind '{system.Kind}' is installed in this function app (system {system.Id}).");
}
