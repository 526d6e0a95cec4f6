using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Common;

/// <summary>
/// A connector kind whose Connector section is <typeparamref name="TOptions"/>: the settings are the record's
/// properties, read strictly (a nested unknown setting is an error at its path) and checked by <see cref="Check"/>.
/// </summary>
public abstract class ConnectorKind<TOptions> : IConnectorKind
    where TOptions : class
{
    private static readonly IReadOnlyCollection<string> SettingNames = StrictJson.SettingNames(typeof(TOptions));

    public abstract string Name { get; }

    public IReadOnlyCollection<string> Settings => SettingNames;

    public void Validate(SystemOptions system, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(errors);
        Check(system, Read(system, $"{path}.Connector", errors), path, errors);
    }

    public abstract ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken);

    /// <summary>Adds an error per problem; <paramref name="connector"/> is null when the system has no Connector section.</summary>
    protected abstract void Check(SystemOptions system, TOptions? connector, string path, ValidationErrors errors);

    /// <summary>The system's settings as this kind reads them; they were validated at start.</summary>
    protected static TOptions? SettingsOf(SystemOptions system) => Read(system, "Connector", new ValidationErrors());

    // Settings of other kinds were reported by the configuration's own check, which knows every kind; here they are skipped.
    private static TOptions? Read(SystemOptions system, string at, ValidationErrors errors)
    {
        if (system.Connector is not { } section)
        {
            return null;
        }

        var own = new JObject(section.Properties().Where(p => SettingNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)));
        return StrictJson.Read<TOptions>(own, at, errors);
    }
}
