namespace PrivacySync.Core.Configuration;

/// <summary>
/// A field a system allows rectifying (GDPR Art. 16): the name officers and the form use, where the system keeps it
/// (<see cref="Target"/>, read by the system's kind: a HubSpot contact property, an HR "table.column" of a root table, an
/// Entra user property), the configured category it belongs to (whose recipients Art. 19 asks to notify), and its label
/// for the subject. A field a system does not declare is refused there with a reason.
/// </summary>
public sealed record RectifiableFieldOptions
{
    public string? Field { get; init; }

    public string? Target { get; init; }

    public string? Category { get; init; }

    /// <summary>What the subject reads as the field's name; <see cref="Field"/> when absent.</summary>
    public LocalizedText? Label { get; init; }
}
