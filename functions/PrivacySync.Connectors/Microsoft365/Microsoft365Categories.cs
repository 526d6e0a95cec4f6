namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Data category names this connector reports, and the sources named in export records.</summary>
public static class Microsoft365Categories
{
    public const string Profile = "profile";
    public const string Mail = "mail";
    public const string Calendar = "calendar";
    public const string Contacts = "contacts";
    public const string OneDrive = "onedrive";
    public const string GroupMemberships = "group-memberships";
    public const string DirectMarketing = "direct-marketing";

    /// <summary>What an internal person's account holds (what deleting the account erases).</summary>
    public static IReadOnlyList<string> Internal { get; } = [Profile, Mail, Calendar, Contacts, OneDrive, GroupMemberships];

    internal const string DirectorySource = "Microsoft 365 (Entra ID)";
    internal const string ExchangeSource = "Microsoft 365 (Exchange Online)";
    internal const string OneDriveSource = "Microsoft 365 (OneDrive)";
    internal const string EdiscoverySource = "Microsoft 365 (Purview eDiscovery)";
}
