using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Connectors;

/// <summary>What a connector did for one request in one system, per category.</summary>
/// <param name="Note">For the privacy office (English, technical); the subject is told <see cref="Caveats"/> instead.</param>
/// <param name="Identity">How the subject's identifiers reached the system's records (set by the task runner).</param>
public sealed record SystemOutcome(IReadOnlyList<CategoryOutcome> Categories, string? Note = null, IdentityResolution? Identity = null)
{
    /// <summary>What the subject should know beyond the per-category outcomes (a suppression list, a mailbox hold).</summary>
    public IReadOnlyList<Caveat> Caveats { get; init; } = [];

    public bool HasFailures => Categories.Any(c => c.Kind == OutcomeKind.Failed);

    public bool NeedsManualAction => Categories.Any(c => c.Kind == OutcomeKind.ManualActionRequired);

    /// <summary>A step the system refused (a field it does not let correct): listed to the officer like a manual step.</summary>
    public bool HasRefusals => Categories.Any(c => c.Kind == OutcomeKind.Refused);
}

/// <summary>A fact about an erasure the subject is told in their language (the letter words it).</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum Caveat
{
    /// <summary>The system keeps the e-mail address on a suppression list so it cannot be imported again (HubSpot's GDPR delete).</summary>
    [EnumMember(Value = "address-blocklisted")]
    AddressBlocklisted,

    /// <summary>Mailboxes under a legal hold keep copies of deleted messages until the hold ends.</summary>
    [EnumMember(Value = "mailbox-hold")]
    MailboxHold,
}
