using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Common;

/// <summary>Adds an error per problem of a system's settings; <paramref name="connector"/> is null when it has no Connector section.</summary>
public delegate void ConnectorSettingsCheck<in TOptions>(SystemOptions system, TOptions? connector, string path, ValidationErrors errors)
    where TOptions : class;

/// <summary>
/// A connector kind named <paramref name="name"/> whose Connector section is <typeparamref name="TOptions"/>: the
/// settings are the record's properties, read strictly (a nested unknown setting is an error at its path) and checked
/// by <paramref name="check"/>.
/// </summary>
public abstract class ConnectorKind<TOptions>(string name, ConnectorSettingsCheck<TOptions> check) : IConnectorKind
    where TOptions : class, new()
{
    private static readonly IReadOnlyCollection<string> SettingNames = StrictJson.SettingNames(typeof(TOptions));

    public string Name => name;

    public IReadOnlyCollection<string> Settings => SettingNames;

    public void Validate(SystemOptions system, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(errors);
        check(system, Read(system, $"{path}.Connector", errors), path, errors);
    }

    public abstract ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken);

    /// <summary>The system's settings as this kind reads them (validated at start); all defaults without a Connector section.</summary>
    protected static TOptions SettingsOf(SystemOptions system) => Read(system, "Connector", new ValidationErrors()) ?? new TOptions();

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
