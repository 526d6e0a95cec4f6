namespace PrivacySync.Core.Configuration;

/// <summary>Which officers may submit and decide which legal entity's requests.</summary>
public sealed class OfficerDirectory(PrivacySyncOptions options)
{
    public bool CanAct(string entityId, string officerId) => options.FindEntity(entityId)?.HasOfficer(officerId) == true;

    /// <summary>The entities an officer works for, e.g. to filter a request list.</summary>
    public IReadOnlyList<string> EntitiesOf(string officerId) =>
        options.LegalEntities.Where(e => e.HasOfficer(officerId)).Select(e => e.Id!).ToList();
}
