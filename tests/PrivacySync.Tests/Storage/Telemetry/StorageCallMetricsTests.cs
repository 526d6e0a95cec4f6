using PrivacySync.Storage.Telemetry;

namespace PrivacySync.Tests.Storage.Telemetry;

public sealed class StorageCallMetricsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/dsrrequests(PartitionKey='requests',RowKey='dsr-1')", "dsrrequests")]
    [InlineData("http://127.0.0.1:10001/devstoreaccount1/dsr-tasks/messages?visibilitytimeout=0", "dsr-tasks")]
    [InlineData("http://localhost:10000/devstoreaccount1/dsr-results/dsr-1/crm.json", "dsr-results")]
    [InlineData("https://acct.table.core.windows.net/Tables", "tables")]
    [InlineData("https://acct.blob.core.windows.net/dsr-exports/dsr-1/export.zip?comp=block", "dsr-exports")]
    [InlineData("https://acct.table.core.windows.net/dsraudit()?$filter=PartitionKey%20eq%20'dsr-1'", "dsraudit")]
    public void NamesTheTableQueueOrContainerAndNeverAKey(string url, string resource) =>
        Assert.Equal(resource, StorageCallMetrics.Resource(new Uri(url)));

    [Fact]
    public void NamesTheAccountForACallWithoutAResource() =>
        Assert.Equal("(account)", StorageCallMetrics.Resource(new Uri("https://acct.queue.core.windows.net/?comp=list")));
}
