namespace PrivacySync.Core.Configuration;

/// <summary>
/// An officer's sign-in identity: the officer id the entities, requests and audit trail use, and the Entra ID object
/// id (the token's <c>oid</c>) that proves it. One object id per officer and one officer per object id, so comparing
/// officer ids (four eyes) is comparing token identities.
/// </summary>
public sealed record OfficerOptions
{
    public string? Id { get; init; }

    /// <summary>The Entra ID object id of the officer's account (a GUID), as in the token's <c>oid</c> claim.</summary>
    public string? ObjectId { get; init; }
}
