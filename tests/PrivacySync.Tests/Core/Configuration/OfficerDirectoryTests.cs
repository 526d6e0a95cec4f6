using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Configuration;

public sealed class OfficerDirectoryTests
{
    private readonly OfficerDirectory _directory = new(TestOptions.Valid());

    [Theory]
    [InlineData("acme-no", "anna.berg", true)]
    [InlineData("acme-no", "ANNA.BERG", true)]
    [InlineData("acme-se", "anna.berg", false)]
    [InlineData("acme-dk", "anna.berg", false)]
    [InlineData("acme-no", "", false)]
    public void OfficerMayActOnlyForEntitiesListingThem(string entity, string officer, bool allowed) =>
        Assert.Equal(allowed, _directory.CanAct(entity, officer));

    [Fact]
    public void EntitiesOfAnOfficerAreListed()
    {
        Assert.Equal(["acme-se"], _directory.EntitiesOf("karin.lind"));
        Assert.Empty(_directory.EntitiesOf("mallory"));
    }
}
