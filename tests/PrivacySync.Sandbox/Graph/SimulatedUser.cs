using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>A directory user with the workloads behind it: mailbox, calendar, contacts and OneDrive.</summary>
internal sealed class SimulatedUser(JObject json, string driveId)
{
    public JObject Json { get; set; } = json;

    public string Id => (string)Json["id"]!;

    public string? UserPrincipalName => (string?)Json["userPrincipalName"];

    public string? Mail => (string?)Json["mail"];

    /// <summary>Messages visible in the mailbox, newest first when listed.</summary>
    public List<JObject> Messages { get; } = [];

    /// <summary>Items removed by the user or an app while a hold applies: invisible to Outlook APIs, found by eDiscovery.</summary>
    public List<JObject> RecoverableItems { get; } = [];

    public List<JObject> Events { get; } = [];

    public List<JObject> Contacts { get; } = [];

    public Dictionary<string, DriveItemState> DriveItems { get; } = new(StringComparer.Ordinal);

    public string DriveId { get; } = driveId;

    /// <summary>Litigation hold (set by an Exchange administrator; Graph v1.0 cannot read or change it).</summary>
    public bool OnHold { get; set; }

    /// <summary>Holds a privileged directory role: app-only User.ReadWrite.All may not delete it.</summary>
    public bool Privileged { get; set; }
}

internal sealed class DriveItemState(JObject json, byte[]? content)
{
    public JObject Json { get; } = json;

    public byte[]? Content { get; } = content;

    public string Id => (string)Json["id"]!;

    public string? ParentId => (string?)Json["parentReference"]?["id"];
}
