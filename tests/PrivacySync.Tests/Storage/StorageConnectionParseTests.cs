using PrivacySync.Storage;

namespace PrivacySync.Tests.Storage;

public sealed class StorageConnectionParseTests
{
    private const string Key = SharedKeySignerTests.DevKey;

    [Fact]
    public void DevelopmentStorageUsesAzuriteDefaults()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void ExplicitEndpointsAreUsedAsGiven()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:20002/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:20000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:20001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:20002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void AccountNameAndSuffixBuildHttpsHostEndpoints()
    {
        var defaults = StorageConnection.Parse($"AccountName=privacysync;AccountKey={Key}");
        var sovereign = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=privacysync;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://privacysync.blob.core.windows.net"), defaults.BlobEndpoint);
        Assert.Equal(new Uri("https://privacysync.queue.core.chinacloudapi.cn"), sovereign.QueueEndpoint);
        Assert.Equal(new Uri("https://privacysync.table.core.chinacloudapi.cn"), sovereign.TableEndpoint);
        Assert.Equal("privacysync", sovereign.AccountName);
    }

    [Fact]
    public void MissingAccountKeyIsNamedAndTheStringIsNotEchoed()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageConnection.Parse("AccountName=privacysync;EndpointSuffix=core.windows.net"));

        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("privacysync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidAccountKeyIsNamedButNeverShown()
    {
        const string badKey = "not*base64*secret";

        var error = Assert.Throws<ArgumentException>(() => StorageConnection.Parse($"AccountName=a;AccountKey={badKey}"));

        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";BlobEndpoint=not-a-uri", "BlobEndpoint")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";SharedAccessSignature=sv=2021&sig=abc", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key, "more than once")]
    public void InvalidPartIsNamedWithoutEchoingTheKey(string connectionString, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..20], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenCredentialConnectionTakesAccountNameFromHostOrPath()
    {
        var credential = new Azure.Identity.DefaultAzureCredential();

        var hosted = StorageConnection.ForTokenCredential(
            new Uri("https://privacysync.blob.core.windows.net/"), new Uri("https://privacysync.queue.core.windows.net"),
            new Uri("https://privacysync.table.core.windows.net"), credential);
        var pathStyle = StorageConnection.ForTokenCredential(
            new Uri("https://127.0.0.1:10000/devstoreaccount1"), new Uri("https://127.0.0.1:10001/devstoreaccount1"),
            new Uri("https://127.0.0.1:10002/devstoreaccount1"), credential);

        Assert.Equal("privacysync", hosted.AccountName);
        Assert.Equal(new Uri("https://privacysync.blob.core.windows.net"), hosted.BlobEndpoint);
        Assert.Equal("devstoreaccount1", pathStyle.AccountName);
    }
}
