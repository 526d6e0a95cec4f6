using PrivacySync.Core.Configuration;

namespace PrivacySync.Core.Connectors;

/// <summary>The connector of a configured system, from the kinds the process installs (the flow and the nightly job share it).</summary>
public interface IConnectorSource
{
    /// <exception cref="PermanentConnectorException">No connector of the system's kind is installed, or its settings are unusable.</exception>
    /// <exception cref="TransientConnectorException">The system could not be reached to set the connector up.</exception>
    ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken);
}
