using PrivacySync.Core.Configuration;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// A family of connected systems the app can run (one per folder of the connectors project, registered with its
/// <c>Add…Connector()</c>): its name and settings, and how a configured system of the kind gets its connector.
/// </summary>
public interface IConnectorKind : IConnectorKindSettings
{
    /// <summary>
    /// The connector for <paramref name="system"/>, whose settings were validated at start. May do I/O (open a database
    /// and check its mapping) and may hand out a cached instance: the caller never disposes what it gets.
    /// </summary>
    /// <exception cref="PermanentConnectorException">The system's settings are unusable (a missing app setting, a bad mapping).</exception>
    /// <exception cref="TransientConnectorException">The system could not be reached to set the connector up.</exception>
    ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken);
}
