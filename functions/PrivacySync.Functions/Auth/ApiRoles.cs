namespace PrivacySync.Functions.Auth;

/// <summary>
/// The API app registration's app roles (the values in the token's <c>roles</c> claim). An <see cref="Officer"/> acts
/// as themself: who they are comes from the token's <c>oid</c>, mapped to an officer id by the configuration's
/// <c>Officers</c>. The <see cref="TeamsFlow"/> role is for the Teams Workflows flow's own identity (an app-only
/// token): it acts for the officer who responded to the card and must name them in <c>respondingOfficer</c> (that
/// person's Entra object id); only this role may name an officer.
/// </summary>
public static class ApiRoles
{
    public const string Officer = "PrivacySync.Officer";
    public const string TeamsFlow = "PrivacySync.TeamsFlow";

    /// <summary>The body property (decisions, submissions, link requests) or query parameter (reads) naming the officer.</summary>
    public const string RespondingOfficer = "respondingOfficer";
}
