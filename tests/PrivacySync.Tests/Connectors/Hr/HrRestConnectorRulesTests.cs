using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>The start-up check of an "hr-rest" system's base URL: https only, loopback excepted (the local simulator).</summary>
public sealed class HrRestConnectorRulesTests
{
    private static IReadOnlyList<string> ErrorsFor(string endpoint) =>
        InstalledKinds.Errors(TestOptions.Valid().WithSystem(0, s => s with { Kind = "hr-rest", Endpoint = endpoint, Connector = null }));

    [Fact]
    public void AnHttpBaseUrlIsRefusedNamingTheField()
    {
        // Before, http:// was accepted: the signed requests and the subject's identifiers crossed the network in clear.
        Assert.Single(ErrorsFor("http://hr.internal.example.com/v2"), e => e.StartsWith("Systems[0].Endpoint: must be an https:// URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://hr.internal.example.com/v2")]
    [InlineData("http://127.0.0.1:5080")]
    public void HttpsOrALoopbackAddressIsAccepted(string endpoint) =>
        Assert.DoesNotContain(ErrorsFor(endpoint), e => e.StartsWith("Systems[0].Endpoint", StringComparison.Ordinal));
}
