namespace PrivacySync.Tests;

public sealed class SmokeTest
{
    [Fact]
    public void Builds() => Assert.True(true);
}
