using System.Runtime.CompilerServices;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>An employee's own data: profile, mail, calendar, personal contacts, OneDrive and group memberships.</summary>
internal sealed class InternalPersonData(GraphServiceClient client, Microsoft365Options options)
{
    private static readonly string[] EventSelect = ["id", "subject", "start", "end", "location", "organizer", "attendees"];
    private static readonly string[] ContactSelect =
        ["id", "displayName", "givenName", "surname", "emailAddresses", "mobilePhone", "businessPhones", "companyName", "jobTitle"];

    private static readonly string[] IdOnly = ["id"];

    public async Task<IReadOnlyDictionary<string, long>> CountAsync(User user, CancellationToken cancellationToken)
    {
        var id = user.Id!;
        var counts = new Dictionary<string, long> { [Microsoft365Categories.Profile] = 1 };
        counts[Microsoft365Categories.Mail] = (await GraphFailures.Call(
            () => client.Users[id].Messages.GetAsync(r => { r.QueryParameters.Select = IdOnly; r.QueryParameters.Top = 1; r.QueryParameters.Count = true; }, cancellationToken),
            "count the subject's messages").ConfigureAwait(false))?.OdataCount ?? 0;
        counts[Microsoft365Categories.Calendar] = (await GraphFailures.Call(
            () => client.Users[id].Events.GetAsync(r => { r.QueryParameters.Select = IdOnly; r.QueryParameters.Top = 1; r.QueryParameters.Count = true; }, cancellationToken),
            "count the subject's events").ConfigureAwait(false))?.OdataCount ?? 0;
        counts[Microsoft365Categories.Contacts] = (await GraphFailures.Call(
            () => client.Users[id].Contacts.GetAsync(r => { r.QueryParameters.Select = IdOnly; r.QueryParameters.Top = 1; r.QueryParameters.Count = true; }, cancellationToken),
            "count the subject's contacts").ConfigureAwait(false))?.OdataCount ?? 0;
        long files = 0;
        await foreach (var _ in FilesAsync(id, cancellationToken).ConfigureAwait(false))
        {
            files++;
        }

        counts[Microsoft365Categories.OneDrive] = files;
        long groups = 0;
        await foreach (var _ in GroupsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            groups++;
        }

        counts[Microsoft365Categories.GroupMemberships] = groups;
        return counts;
    }

    public async IAsyncEnumerable<ExportRecord> ExportAsync(User user, string retention, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = user.Id!;
        var mailbox = user.Mail ?? user.UserPrincipalName ?? id;
        var own = new[] { user.Mail, user.UserPrincipalName }.Concat(user.ProxyAddresses?.Select(a => a.Split(':').Last()) ?? [])
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        yield return Record(Microsoft365Categories.Profile, Microsoft365Categories.DirectorySource, retention, RecordFields.Profile(user));

        var messages = GraphPaging.All(
            ct => client.Users[id].Messages.GetAsync(r =>
            {
                r.QueryParameters.Select = options.IncludeMessageBodies ? RecordFields.MessageSelect : RecordFields.MessageSelectNoBody;
                r.QueryParameters.Top = options.PageSize;
            }, ct),
            (link, ct) => client.Users[id].Messages.WithUrl(link).GetAsync(cancellationToken: ct),
            p => p.Value, p => p.OdataNextLink, "read the subject's messages", cancellationToken);
        await foreach (var message in messages.ConfigureAwait(false))
        {
            yield return Record(Microsoft365Categories.Mail, Microsoft365Categories.ExchangeSource, retention,
                RecordFields.Message(mailbox, message, options.IncludeMessageBodies, own)) with { ReviewField = RecordFields.BodyField };
        }

        var events = GraphPaging.All(
            ct => client.Users[id].Events.GetAsync(r => { r.QueryParameters.Select = EventSelect; r.QueryParameters.Top = options.PageSize; }, ct),
            (link, ct) => client.Users[id].Events.WithUrl(link).GetAsync(cancellationToken: ct),
            p => p.Value, p => p.OdataNextLink, "read the subject's calendar", cancellationToken);
        await foreach (var calendarEvent in events.ConfigureAwait(false))
        {
            yield return Record(Microsoft365Categories.Calendar, Microsoft365Categories.ExchangeSource, retention, RecordFields.Event(calendarEvent));
        }

        var contacts = GraphPaging.All(
            ct => client.Users[id].Contacts.GetAsync(r => { r.QueryParameters.Select = ContactSelect; r.QueryParameters.Top = options.PageSize; }, ct),
            (link, ct) => client.Users[id].Contacts.WithUrl(link).GetAsync(cancellationToken: ct),
            p => p.Value, p => p.OdataNextLink, "read the subject's contacts", cancellationToken);
        await foreach (var contact in contacts.ConfigureAwait(false))
        {
            yield return Record(Microsoft365Categories.Contacts, Microsoft365Categories.ExchangeSource, retention, RecordFields.Contact(mailbox, contact));
        }

        await foreach (var (driveId, item, path) in FilesAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var (content, note) = await ContentAsync(driveId, item, cancellationToken).ConfigureAwait(false);
            yield return Record(Microsoft365Categories.OneDrive, Microsoft365Categories.OneDriveSource, retention, RecordFields.DriveFile(item, path, content, note));
        }

        await foreach (var group in GroupsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            yield return Record(Microsoft365Categories.GroupMemberships, Microsoft365Categories.DirectorySource, retention, RecordFields.Group(group));
        }
    }

    private ExportRecord Record(string category, string source, string retention, Newtonsoft.Json.Linq.JObject fields) =>
        new(category, options.InternalPurpose, options.InternalLegalBasis, source, retention, fields);

    /// <summary>Every file in the user's OneDrive, walking folders depth-first; no drive (not provisioned) yields nothing.</summary>
    private async IAsyncEnumerable<(string DriveId, DriveItem Item, string Path)> FilesAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Drive? drive;
        try
        {
            drive = await GraphFailures.Call(() => client.Users[userId].Drive.GetAsync(cancellationToken: cancellationToken), "open the subject's OneDrive")
                .ConfigureAwait(false);
        }
        catch (PermanentConnectorException e) when (e.InnerException is not null && GraphFailures.IsNotFound(e.InnerException))
        {
            yield break;
        }

        var driveId = drive!.Id!;
        var folders = new Stack<(string Id, string Path)>();
        folders.Push(("root", ""));
        while (folders.Count > 0)
        {
            var (folderId, path) = folders.Pop();
            var children = GraphPaging.All(
                ct => client.Drives[driveId].Items[folderId].Children.GetAsync(r => r.QueryParameters.Top = 200, ct),
                (link, ct) => client.Drives[driveId].Items[folderId].Children.WithUrl(link).GetAsync(cancellationToken: ct),
                p => p.Value, p => p.OdataNextLink, "list the subject's OneDrive folder", cancellationToken);
            await foreach (var child in children.ConfigureAwait(false))
            {
                var childPath = path + "/" + child.Name;
                if (child.Folder is not null)
                {
                    folders.Push((child.Id!, childPath));
                }
                else
                {
                    yield return (driveId, child, childPath);
                }
            }
        }
    }

    private async Task<(string? Base64, string? Note)> ContentAsync(string driveId, DriveItem item, CancellationToken cancellationToken)
    {
        if (!options.IncludeOneDriveContent)
        {
            return (null, "content not included by configuration");
        }

        if (item.Size > options.OneDriveContentCapBytes)
        {
            return (null, $"content not included: larger than the {options.OneDriveContentCapBytes} byte limit; the file stays available at webUrl");
        }

        var stream = await GraphFailures.Call(
            () => client.Drives[driveId].Items[item.Id].Content.GetAsync(cancellationToken: cancellationToken), "download a OneDrive file").ConfigureAwait(false);
        if (stream is null)
        {
            return (null, "content not available");
        }

        await using (stream.ConfigureAwait(false))
        {
            // The cap bounds memory even if the stored size was stale.
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.OneDriveContentCapBytes)
                {
                    return (null, $"content not included: larger than the {options.OneDriveContentCapBytes} byte limit");
                }

                buffer.Write(chunk, 0, read);
            }

            return (Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
    }

    private async IAsyncEnumerable<Group> GroupsAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var memberships = GraphPaging.All(
            ct => client.Users[userId].MemberOf.GetAsync(r => r.QueryParameters.Top = 999, ct),
            (link, ct) => client.Users[userId].MemberOf.WithUrl(link).GetAsync(cancellationToken: ct),
            p => p.Value, p => p.OdataNextLink, "list the subject's group memberships", cancellationToken);
        await foreach (var membership in memberships.ConfigureAwait(false))
        {
            if (membership is Group group)
            {
                yield return group;
            }
        }
    }
}
