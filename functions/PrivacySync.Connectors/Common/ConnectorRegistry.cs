using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Common;

/// <summary>Builds the connector for a configured system from the kinds the process installs (<see cref="IConnectorKind"/>): the function app and the command line.</summary>
public sealed class ConnectorRegistry(IEnumerable<IConnectorKind> installed) : IConnectorSource
{
    private readonly Dictionary<string, IConnectorKind> kinds =
        installed.GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public bool Knows(string kind) => kinds.ContainsKey(kind);

    public IReadOnlyCollection<string> Kinds => kinds.Keys;

    /// <exception cref="PermanentConnectorException">No connector of the system's kind is installed, or its settings are unusable.</exception>
    /// <exception cref="TransientConnectorException">The system could not be reached to set the connector up.</exception>
    public ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        return kinds.TryGetValue(system.Kind ?? "", out var kind)
            ? kind.CreateAsync(system, cancellationToken)
            : throw new PermanentConnectorException($"No connector for kind '{system.Kind}' is installed in this function app (system {system.Id}).");
    }
}
