namespace PrivacySync.Connectors.HubSpot;

/// <summary>A link from one HubSpot object to another, with HubSpot's labels for it (e.g. "Primary").</summary>
public sealed record HubSpotAssociation(string ToObjectId, IReadOnlyList<int> TypeIds, IReadOnlyList<string> Labels);
