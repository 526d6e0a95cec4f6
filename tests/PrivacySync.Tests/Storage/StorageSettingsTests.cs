using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Storage;

namespace PrivacySync.Tests.Storage;

public sealed class StorageSettingsTests
{
    [Fact]
    public void ConnectionStringSettingRegistersASingletonAccount()
    {
        var services = new ServiceCollection();

        services.AddPrivacySyncStorage(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));
        using var provider = services.BuildServiceProvider();

        var account = provider.GetRequiredService<StorageAccount>();
        Assert.Same(account, provider.GetRequiredService<StorageAccount>());
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.Connection.QueueEndpoint);
    }

    [Fact]
    public void MissingSettingFailsAtRegistrationNamingAzureWebJobsStorage()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddPrivacySyncStorage(Configuration(("Other", "x"))));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidConnectionStringNamesTheSettingAndThePartButNotTheKey()
    {
        const string secret = "c2VjcmV0LWtleS12YWx1ZQ";

        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(
            Configuration(("AzureWebJobsStorage", $"AccountName=a;AccountKey={secret}*"))));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountNameSelectsIdentityBasedEndpoints()
    {
        // Environment variables AzureWebJobsStorage__accountName arrive as the key "AzureWebJobsStorage:accountName".
        var connection = StorageSettings.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "privacysync"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal("privacysync", connection.AccountName);
        Assert.Equal(new Uri("https://privacysync.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://privacysync.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://privacysync.table.core.windows.net"), connection.TableEndpoint);
    }

    [Fact]
    public void ServiceUrisMustNameAllThreeServices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:blobServiceUri", "https://privacysync.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://privacysync.queue.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("blobServiceUri'", error.Message.Split("missing")[1], StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
