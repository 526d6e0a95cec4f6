using System.Text;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// One correction the subject asked for: a field by its configured name (e.g. "phone") and its new value. The value is
/// personal data: it lives in the subject store with the identifiers, never on a request row, a message or in a log.
/// </summary>
public sealed record FieldCorrection(string Field, string Value)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Field = {Field}");
        return true;
    }
}

/// <summary>
/// A correction one system allows, with where the system keeps the field (<see cref="Target"/>: a HubSpot property,
/// an HR "table.column", an Entra user property) and the configured category the field belongs to.
/// </summary>
public sealed record TargetedCorrection(string Field, string Target, string Category, string Value)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Field = {Field}, Target = {Target}, Category = {Category}");
        return true;
    }
}
