namespace PrivacySync.Core.Configuration;

/// <summary>
/// What the configuration knows of a connector kind: its name, the settings of a system's <see cref="SystemOptions.Connector"/>
/// section, and their checks. The kinds are installed by the app (<c>Connectors.IConnectorKind</c>); Core lists none.
/// </summary>
public interface IConnectorKindSettings
{
    /// <summary>The value of <see cref="SystemOptions.Kind"/> for this kind, e.g. "hubspot".</summary>
    string Name { get; }

    /// <summary>The top-level setting names of its Connector section, so a setting of another kind is named with its owner.</summary>
    IReadOnlyCollection<string> Settings { get; }

    /// <summary>Adds an error per problem of <paramref name="system"/>'s kind-specific settings, each named from <paramref name="path"/> ("Systems[2]").</summary>
    void Validate(SystemOptions system, string path, ValidationErrors errors);
}
