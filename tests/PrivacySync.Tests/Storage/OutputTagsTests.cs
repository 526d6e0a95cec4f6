using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

/// <summary>Outputs carry their file name as a blob index tag: what the storage account's lifecycle rule deletes export packages by.</summary>
public sealed class OutputTagsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EachOutputIsTaggedWithItsFileName()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new BlobOutputStore(azurite.Clients);
        await store.EnsureCreatedAsync(ct);
        var requestId = azurite.UniqueName("tags");

        var name = await store.SaveAsync(requestId, "export.zip", new MemoryStream([1, 2, 3]), "application/zip", ct);

        var tags = (await azurite.Clients.Container(StoreNames.OutputsContainer).GetBlobClient(name).GetTagsAsync(cancellationToken: ct)).Value.Tags;
        Assert.Equal("export.zip", tags[BlobOutputStore.OutputTag]);
    }
}
