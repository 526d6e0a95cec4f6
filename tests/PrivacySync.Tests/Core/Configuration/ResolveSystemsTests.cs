using PrivacySync.Core.Configuration;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Configuration;

public sealed class ResolveSystemsTests
{
    private readonly PrivacySyncOptions _options = TestOptions.Valid();

    [Fact]
    public void SystemWithoutEntityListServesEveryEntity() =>
        Assert.Equal(["crm"], _options.ResolveSystems("acme-se", RequestType.Access).Select(s => s.Id));

    [Fact]
    public void SystemListingEntitiesServesOnlyThose() =>
        Assert.Equal(["crm", "hr"], _options.ResolveSystems("acme-no", RequestType.Erasure).Select(s => s.Id));

    [Fact]
    public void SystemWithoutTheRequestTypeEnabledIsLeftOut() =>
        Assert.Equal(["crm"], _options.ResolveSystems("acme-no", RequestType.Objection).Select(s => s.Id));

    [Fact]
    public void UnknownEntityGetsOnlySystemsServingAll() =>
        Assert.Equal(["crm"], _options.ResolveSystems("nobody", RequestType.Erasure).Select(s => s.Id));
}
