using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// The simulated tenant: directory, mailboxes, calendars, contacts, OneDrive, and eDiscovery, in memory.
/// One lock guards it all; stored resources are replaced, never mutated, so a snapshot taken under the lock can be
/// serialised after it is released. The public members seed and inspect state the Graph API cannot (holds,
/// privileged roles) and inject faults.
/// </summary>
public sealed class GraphTenant(GraphSimulatorOptions options, TimeProvider time, GraphTokens tokens)
{
    private readonly Dictionary<string, SimulatedUser> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimulatedUser> deletedUsers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (JObject Json, HashSet<string> Members)> groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> activeMailboxRequests = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> peakMailboxRequests = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string? PathContains, int Remaining)> throttleRules = [];
    private long sequence;

    internal object Gate { get; } = new();

    public GraphSimulatorOptions Options => options;

    /// <summary>Responses answered 429 so far (injected, mailbox concurrency or eDiscovery rate).</summary>
    public int ThrottledResponses { get; private set; }

    public string IssueToken(params string[] roles) => tokens.Issue("00000000-0000-0000-0000-00000000a11c", roles);

    public string IssueToken(string appId, params string[] roles) => tokens.Issue(appId, roles);

    /// <summary>The next <paramref name="count"/> requests whose path contains the text (any request when null) get 429.</summary>
    public void InjectThrottling(int count, string? pathContains = null)
    {
        lock (Gate)
        {
            throttleRules.Add((pathContains, count));
        }
    }

    public void SetLitigationHold(string user, bool onHold) => WithUser(user, u => u.OnHold = onHold);

    public void SetPrivilegedRole(string user, bool privileged) => WithUser(user, u => u.Privileged = privileged);

    public int PeakMailboxConcurrency(string user)
    {
        lock (Gate)
        {
            var id = users.TryGetValue(user, out var u) ? u.Id : user;
            return peakMailboxRequests.GetValueOrDefault(id);
        }
    }

    public bool UserExists(string user)
    {
        lock (Gate)
        {
            return FindUser(user) is not null;
        }
    }

    public bool DeletedUserExists(string id)
    {
        lock (Gate)
        {
            return deletedUsers.ContainsKey(id);
        }
    }

    public int MessageCount(string user)
    {
        lock (Gate)
        {
            return FindUser(user)?.Messages.Count ?? throw new KeyNotFoundException(user);
        }
    }

    public int ContactCount(string user)
    {
        lock (Gate)
        {
            return FindUser(user)?.Contacts.Count ?? throw new KeyNotFoundException(user);
        }
    }

    /// <summary>Creates a user exactly as POST /users does; returns the stored resource.</summary>
    public JObject AddUser(JObject user)
    {
        lock (Gate)
        {
            var upn = (string?)user["userPrincipalName"] ?? throw new ArgumentException("userPrincipalName is required");
            if (FindUser(upn) is not null)
            {
                throw new InvalidOperationException("Another object with the same value for property userPrincipalName already exists.");
            }

            var stored = (JObject)user.DeepClone();
            stored.Remove("passwordProfile");
            stored["id"] = Guid.NewGuid().ToString();
            stored["mail"] ??= upn;
            stored["accountEnabled"] ??= true;
            stored["createdDateTime"] = GraphJson.Timestamp(time.GetUtcNow());
            var simulated = new SimulatedUser(stored, "b!" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
            var root = new JObject
            {
                ["id"] = "01ROOT" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..20],
                ["name"] = "root",
                ["root"] = new JObject(),
                ["folder"] = new JObject { ["childCount"] = 0 },
                ["parentReference"] = new JObject { ["driveId"] = simulated.DriveId },
            };
            simulated.DriveItems[(string)root["id"]!] = new DriveItemState(root, null);
            users[simulated.Id] = simulated;
            return stored;
        }
    }

    public JObject AddGroup(JObject group)
    {
        lock (Gate)
        {
            var stored = (JObject)group.DeepClone();
            stored["id"] = Guid.NewGuid().ToString();
            groups[(string)stored["id"]!] = (stored, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            return stored;
        }
    }

    public void AddGroupMember(string groupId, string userId)
    {
        lock (Gate)
        {
            var user = FindUser(userId) ?? throw new KeyNotFoundException(userId);
            if (!groups.TryGetValue(groupId, out var group))
            {
                throw new KeyNotFoundException(groupId);
            }

            if (!group.Members.Add(user.Id))
            {
                throw new InvalidOperationException("One or more added object references already exist for the following modified properties: 'members'.");
            }
        }
    }

    /// <summary>Stores a message as POST /users/{id}/messages does (seeding may set receivedDateTime and from).</summary>
    public JObject AddMessage(string user, JObject message) => AddMailboxItem(user, message, u => u.Messages, Message);

    public JObject AddEvent(string user, JObject calendarEvent) => AddMailboxItem(user, calendarEvent, u => u.Events, e => e);

    public JObject AddContact(string user, JObject contact) => AddMailboxItem(user, contact, u => u.Contacts, c => c);

    /// <summary>Uploads a file into the root folder of the user's OneDrive (PUT .../root:/{name}:/content).</summary>
    public JObject PutDriveFile(string user, string name, byte[] content, string? parentId = null)
    {
        lock (Gate)
        {
            var owner = FindUser(user) ?? throw new KeyNotFoundException(user);
            var parent = parentId ?? owner.DriveItems.Values.First(i => i.Json["root"] is not null).Id;
            var existing = owner.DriveItems.Values.FirstOrDefault(i => i.ParentId == parent && string.Equals((string?)i.Json["name"], name, StringComparison.OrdinalIgnoreCase));
            var now = GraphJson.Timestamp(time.GetUtcNow());
            var json = new JObject
            {
                ["id"] = existing?.Id ?? "01" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..24],
                ["name"] = name,
                ["size"] = content.LongLength,
                ["createdDateTime"] = existing?.Json["createdDateTime"] ?? now,
                ["lastModifiedDateTime"] = now,
                ["webUrl"] = $"https://contoso-my.sharepoint.com/personal/{owner.Id}/Documents/{Uri.EscapeDataString(name)}",
                ["file"] = new JObject { ["mimeType"] = MimeType(name) },
                ["parentReference"] = new JObject { ["driveId"] = owner.DriveId, ["id"] = parent },
            };
            owner.DriveItems[(string)json["id"]!] = new DriveItemState(json, content);
            return json;
        }
    }

    public JObject AddDriveFolder(string user, string name)
    {
        lock (Gate)
        {
            var owner = FindUser(user) ?? throw new KeyNotFoundException(user);
            var root = owner.DriveItems.Values.First(i => i.Json["root"] is not null).Id;
            var json = new JObject
            {
                ["id"] = "01" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..24],
                ["name"] = name,
                ["folder"] = new JObject { ["childCount"] = 0 },
                ["parentReference"] = new JObject { ["driveId"] = owner.DriveId, ["id"] = root },
            };
            owner.DriveItems[(string)json["id"]!] = new DriveItemState(json, null);
            return json;
        }
    }

    internal SimulatedUser? FindUser(string idOrUpn)
    {
        if (users.TryGetValue(idOrUpn, out var user))
        {
            return user;
        }

        return users.Values.FirstOrDefault(u => string.Equals(u.UserPrincipalName, idOrUpn, StringComparison.OrdinalIgnoreCase));
    }

    internal IEnumerable<SimulatedUser> Users => users.Values;

    internal Dictionary<string, SimulatedUser> DeletedUsers => deletedUsers;

    internal Dictionary<string, (JObject Json, HashSet<string> Members)> Groups => groups;

    internal void SoftDelete(SimulatedUser user)
    {
        users.Remove(user.Id);
        user.Json = (JObject)user.Json.DeepClone();
        user.Json["deletedDateTime"] = GraphJson.Timestamp(time.GetUtcNow());
        deletedUsers[user.Id] = user;
        foreach (var group in groups.Values)
        {
            group.Members.Remove(user.Id);
        }
    }

    /// <summary>True when an injected 429 applies to this path (consumes one).</summary>
    internal bool ConsumeInjectedThrottle(string path)
    {
        lock (Gate)
        {
            for (var i = 0; i < throttleRules.Count; i++)
            {
                var (contains, remaining) = throttleRules[i];
                if (contains is null || path.Contains(contains, StringComparison.OrdinalIgnoreCase))
                {
                    throttleRules[i] = (contains, remaining - 1);
                    if (remaining - 1 <= 0)
                    {
                        throttleRules.RemoveAt(i);
                    }

                    ThrottledResponses++;
                    return true;
                }
            }

            return false;
        }
    }

    internal void CountThrottled()
    {
        lock (Gate)
        {
            ThrottledResponses++;
        }
    }

    /// <summary>Enters one request slot for the app on the mailbox; false when the Outlook limit is reached.</summary>
    internal bool TryEnterMailbox(string appId, string mailbox, out string key)
    {
        lock (Gate)
        {
            var id = FindUser(mailbox)?.Id ?? mailbox;
            key = appId + "|" + id;
            var active = activeMailboxRequests.GetValueOrDefault(key);
            if (active >= options.MailboxConcurrencyLimit)
            {
                ThrottledResponses++;
                return false;
            }

            activeMailboxRequests[key] = active + 1;
            peakMailboxRequests[id] = Math.Max(peakMailboxRequests.GetValueOrDefault(id), active + 1);
            return true;
        }
    }

    internal void ExitMailbox(string key)
    {
        lock (Gate)
        {
            activeMailboxRequests[key]--;
        }
    }

    private JObject AddMailboxItem(string user, JObject item, Func<SimulatedUser, List<JObject>> list, Func<JObject, JObject> shape)
    {
        lock (Gate)
        {
            var owner = FindUser(user) ?? throw new KeyNotFoundException(user);
            var stored = shape((JObject)item.DeepClone());
            var now = GraphJson.Timestamp(time.GetUtcNow());
            stored["id"] = "AAMkAG" + Convert.ToHexStringLower(BitConverter.GetBytes(++sequence)) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
            stored["createdDateTime"] ??= now;
            stored["lastModifiedDateTime"] = now;
            list(owner).Add(stored);
            return stored;
        }
    }

    private JObject Message(JObject message)
    {
        var now = GraphJson.Timestamp(time.GetUtcNow());
        message["receivedDateTime"] ??= now;
        message["sentDateTime"] ??= message["receivedDateTime"];
        message["toRecipients"] ??= new JArray();
        message["ccRecipients"] ??= new JArray();
        message["bccRecipients"] ??= new JArray();
        message["isDraft"] ??= false;
        var body = message["body"] as JObject;
        var content = (string?)body?["content"] ?? "";
        message["bodyPreview"] = content.Length > 255 ? content[..255] : content;
        return message;
    }

    private void WithUser(string user, Action<SimulatedUser> change)
    {
        lock (Gate)
        {
            change(FindUser(user) ?? throw new KeyNotFoundException(user));
        }
    }

    private static string MimeType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".txt" => "text/plain",
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
