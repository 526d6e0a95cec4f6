namespace PrivacySync.Core.Configuration;

/// <summary>
/// What an officer reviews before it reaches the subject (Art. 15(4): a copy must not adversely affect others' rights
/// and freedoms), per legal entity. With <see cref="MailBodies"/> set, an access request whose systems exported mail
/// texts waits in <c>awaiting-review</c> after collection; the package is assembled once every text has an officer's
/// decision (include, redact or exclude, with a reason).
/// </summary>
public sealed record ReviewOptions
{
    /// <summary>Mail texts (the field a connector marks for review, e.g. Microsoft 365 message bodies) need an officer's decision.</summary>
    public bool MailBodies { get; init; }
}
