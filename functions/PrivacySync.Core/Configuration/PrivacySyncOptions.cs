using System.Text;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>The privacy office's configuration: legal entities, connected systems and retention rules.</summary>
public sealed record PrivacySyncOptions
{
    public IReadOnlyList<LegalEntityOptions> LegalEntities { get; init; } = [];

    public IReadOnlyList<SystemOptions> Systems { get; init; } = [];

    public IReadOnlyList<RetentionRuleOptions> Retention { get; init; } = [];

    /// <summary>Who the officers named by <see cref="LegalEntityOptions.Officers"/> are: their Entra ID object ids.</summary>
    public IReadOnlyList<OfficerOptions> Officers { get; init; } = [];

    /// <summary>Days after completion that a request's subject identifiers are kept before they are purged.</summary>
    public int RequestDataRetentionDays { get; init; }

    /// <summary>
    /// Days after completion that an access request's export package is kept for the officer to send (then deleted by
    /// the nightly reconciliation, audited); absent: until <see cref="RequestDataRetentionDays"/>.
    /// </summary>
    public int? ExportPackageRetentionDays { get; init; }

    /// <summary>Where subjects can fetch the certificate-signing public key (the app's GET /api/certificates/key); the erasure letter points to it.</summary>
    public string? PublishedKeyUrl { get; init; }

    public LegalEntityOptions? FindEntity(string entityId) =>
        LegalEntities.FirstOrDefault(e => string.Equals(e.Id, entityId, StringComparison.Ordinal));

    /// <summary>The officer whose account has this Entra ID object id (compared as a GUID), or null.</summary>
    public OfficerOptions? FindOfficerByObjectId(string? objectId) =>
        Guid.TryParse(objectId, out var id)
            ? Officers.FirstOrDefault(o => Guid.TryParse(o.ObjectId, out var configured) && configured == id)
            : null;

    public SystemOptions? FindSystem(string systemId) =>
        Systems.FirstOrDefault(s => string.Equals(s.Id, systemId, StringComparison.Ordinal));

    public RetentionRuleOptions? FindRetentionRule(string name) =>
        Retention.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>The systems to plan one task each for: those serving the entity with the request type enabled.</summary>
    public IReadOnlyList<SystemOptions> ResolveSystems(string entityId, RequestType type) =>
        Systems.Where(s => s.Serves(entityId) && s.EnabledRequestTypes.Contains(type)).ToList();

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"LegalEntities = {LegalEntities.Count}, Systems = {Systems.Count}, Retention = {Retention.Count}, Officers = {Officers.Count}");
        return true;
    }
}
