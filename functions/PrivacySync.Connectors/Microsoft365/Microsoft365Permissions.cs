using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>One configured feature and the Graph application permissions that allow it, least privileged first.</summary>
public sealed record PermissionRequirement(string Feature, IReadOnlyList<string> AnyOf)
{
    public string LeastPrivileged => AnyOf[0];
}

public enum ConnectorOperation
{
    Discover,
    Export,
    Erase,
}

/// <summary>
/// The application permissions each configured feature needs (infra/microsoft365/permissions.md documents the same
/// table). The connector checks the token's roles claim before it starts, so a missing grant fails the task with a
/// message naming the permission instead of half-doing the work.
/// </summary>
public static class Microsoft365Permissions
{
    private static readonly string[] UserRead = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    private static readonly string[] UserDelete = ["User.ReadWrite.All", "User.DeleteRestore.All"];
    private static readonly string[] GroupMembers = ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    private static readonly string[] MailRead = ["Mail.Read", "Mail.ReadWrite"];
    private static readonly string[] MailWrite = ["Mail.ReadWrite"];
    private static readonly string[] CalendarRead = ["Calendars.Read", "Calendars.ReadWrite"];
    private static readonly string[] ContactsRead = ["Contacts.Read", "Contacts.ReadWrite"];
    private static readonly string[] ContactsWrite = ["Contacts.ReadWrite"];
    private static readonly string[] FilesRead = ["Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"];
    private static readonly string[] Ediscovery = ["eDiscovery.ReadWrite.All"];

    public static IReadOnlyList<PermissionRequirement> Required(Microsoft365Options options, ConnectorOperation operation)
    {
        var list = new List<PermissionRequirement>
        {
            new("find the subject's account and read the profile", UserRead),
            new("read the subject's mail", MailRead),
            new("read the subject's calendar", CalendarRead),
            new("read personal contacts", ContactsRead),
            new("list the subject's group memberships", GroupMembers),
        };
        if (options.IncludeOneDriveContent || operation != ConnectorOperation.Erase)
        {
            list.Add(new("read the subject's OneDrive", FilesRead));
        }

        if (options.MailboxScope == MailboxScope.Group)
        {
            list.Add(new("list the members of the configured mailbox group", GroupMembers));
        }

        if (options.Mode == Microsoft365Mode.Ediscovery)
        {
            list.Add(new("search mailboxes with eDiscovery (case, search, estimate, export, purge)", Ediscovery));
        }

        if (operation == ConnectorOperation.Erase)
        {
            if (options.FormerEmployee.Action == ErasureAction.Delete)
            {
                list.Add(new("delete a former employee's account", UserDelete));
            }

            if (options.ExternalMessages.Action == ErasureAction.Delete && options.Mode == Microsoft365Mode.Mailbox)
            {
                list.Add(new("delete an external person's messages (permanentDelete)", MailWrite));
            }

            if (options.ExternalContacts.Action == ErasureAction.Delete)
            {
                list.Add(new("delete contacts holding an external person's address", ContactsWrite));
            }
        }

        return list;
    }

    /// <summary>Throws naming every missing permission; does nothing when all are granted.</summary>
    public static void Ensure(IReadOnlySet<string> grantedRoles, IEnumerable<PermissionRequirement> required)
    {
        var missing = required.Where(r => !r.AnyOf.Any(grantedRoles.Contains)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var lines = missing.GroupBy(m => m.LeastPrivileged)
            .Select(g => $"{g.Key} (to {string.Join("; to ", g.Select(m => m.Feature))})");
        throw new PermanentConnectorException(
            "Microsoft 365: the app registration lacks the Microsoft Graph application permission " +
            string.Join(", ", lines) +
            ". Grant it under Entra ID > App registrations > API permissions > Microsoft Graph > Application permissions and " +
            "give admin consent, or turn the feature off in the connector configuration. See infra/microsoft365/permissions.md.");
    }
}
