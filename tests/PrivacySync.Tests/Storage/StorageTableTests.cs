using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

public sealed class StorageTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySupportedPropertyTypeRoundTrips()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2)).AddTicks(8979);
        var id = Guid.NewGuid();
        var entity = new TableEntity("request-1", "task-hubspot")
        {
            ["Text"] = "Ærlig talt — åäö 'quoted'",
            ["Small"] = 42,
            ["Negative"] = -7,
            ["Big"] = 9_007_199_254_740_993L,
            ["SmallLong"] = 5L,
            ["Ratio"] = 0.125,
            ["Whole"] = 2.0,
            ["Flag"] = true,
            ["When"] = when,
            ["Local"] = new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc),
            ["Id"] = id,
            ["Hash"] = new byte[] { 0, 1, 2, 254, 255 },
        };

        var etag = await table.InsertAsync(entity, Ct);
        var read = await table.GetAsync("request-1", "task-hubspot", Ct);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("Ærlig talt — åäö 'quoted'", read.GetString("Text"));
        Assert.Equal(42, read.GetInt32("Small"));
        Assert.Equal(-7, read.GetInt32("Negative"));
        Assert.Equal(9_007_199_254_740_993L, read.GetInt64("Big"));
        Assert.IsType<long>(read["SmallLong"]);
        Assert.Equal(5L, read.GetInt64("SmallLong"));
        Assert.Equal(0.125, read.GetDouble("Ratio"));
        Assert.IsType<double>(read["Whole"]);
        Assert.Equal(2.0, read.GetDouble("Whole"));
        Assert.True(read.GetBoolean("Flag"));
        Assert.Equal(when, read.GetDateTimeOffset("When"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("Local"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read.GetBinary("Hash"));
        Assert.Null(read.GetString("Missing"));
        Assert.Equal(entity.Properties.Keys.Order(), read.Properties.Keys.Order());
    }

    [Fact]
    public async Task InsertingAnExistingEntityReportsAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);

        var duplicate = await Assert.ThrowsAsync<StorageAlreadyExistsException>(
            () => table.InsertAsync(new TableEntity("p", "r") { ["V"] = 2 }, Ct));

        Assert.Equal(409, duplicate.Status);
        Assert.Equal("EntityAlreadyExists", duplicate.ErrorCode);
        Assert.Equal(1, (await table.GetAsync("p", "r", Ct))!.GetInt32("V"));
    }

    [Fact]
    public async Task GettingAnAbsentEntityReturnsNull()
    {
        var table = await NewTableAsync();

        Assert.Null(await table.GetAsync("nobody", "nothing", Ct));
    }

    [Fact]
    public async Task ReplaceSucceedsWithCurrentETagAndFailsWithStaleOne()
    {
        var table = await NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r") { ["State"] = "Pending", ["Extra"] = "x" }, Ct);

        var second = await table.UpdateAsync(new TableEntity("p", "r") { ["State"] = "Running" }, first, ct: Ct);
        var stale = await Assert.ThrowsAsync<StorageConditionNotMetException>(
            () => table.UpdateAsync(new TableEntity("p", "r") { ["State"] = "Failed" }, first, ct: Ct));

        Assert.Equal(412, stale.Status);
        var read = await table.GetAsync("p", "r", Ct);
        Assert.Equal(second, read!.ETag);
        Assert.Equal("Running", read.GetString("State"));
        Assert.Null(read["Extra"]);
    }

    [Fact]
    public async Task MergeKeepsOtherPropertiesAndHonoursETag()
    {
        var table = await NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r") { ["State"] = "Pending", ["Attempts"] = 0 }, Ct);

        var merged = await table.UpdateAsync(new TableEntity("p", "r") { ["Attempts"] = 1 }, first, TableUpdateMode.Merge, Ct);
        await Assert.ThrowsAsync<StorageConditionNotMetException>(
            () => table.UpdateAsync(new TableEntity("p", "r") { ["Attempts"] = 9 }, first, TableUpdateMode.Merge, Ct));
        await table.UpdateAsync(new TableEntity("p", "r") { ["Note"] = "any" }, "*", TableUpdateMode.Merge, Ct);

        var read = await table.GetAsync("p", "r", Ct);
        Assert.NotEqual(first, merged);
        Assert.Equal("Pending", read!.GetString("State"));
        Assert.Equal(1, read.GetInt32("Attempts"));
        Assert.Equal("any", read.GetString("Note"));
    }

    [Fact]
    public async Task UpdatingAnAbsentEntityIsNotFoundWhileUpsertCreatesIt()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<StorageNotFoundException>(
            () => table.UpdateAsync(new TableEntity("p", "new") { ["V"] = 1 }, "*", ct: Ct));
        var created = await table.UpsertAsync(new TableEntity("p", "new") { ["V"] = 1, ["W"] = 1 }, ct: Ct);
        await table.UpsertAsync(new TableEntity("p", "new") { ["V"] = 2 }, TableUpdateMode.Merge, Ct);
        var replaced = await table.UpsertAsync(new TableEntity("p", "new") { ["V"] = 3 }, ct: Ct);

        var read = await table.GetAsync("p", "new", Ct);
        Assert.NotEqual(created, replaced);
        Assert.Equal(3, read!.GetInt32("V"));
        Assert.Null(read["W"]);
    }

    [Fact]
    public async Task QueryPagesThroughAPartitionWithContinuationTokens()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 7; i++)
        {
            await table.InsertAsync(new TableEntity("req-a", $"task-{i:D2}") { ["N"] = i }, Ct);
        }

        await table.InsertAsync(new TableEntity("req-b", "task-00") { ["N"] = 100 }, Ct);
        var filter = $"PartitionKey eq {StorageTable.Quote("req-a")}";

        var pages = new List<TablePage>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync(filter, maxPerPage: 3, token, Ct);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.True(pages.Count >= 3, $"expected at least 3 pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Items.Count <= 3));
        Assert.Equal(Enumerable.Range(0, 7), pages.SelectMany(p => p.Items).Select(e => e.GetInt32("N")!.Value));

        var streamed = new List<int>();
        await foreach (var entity in table.QueryPartitionAsync("req-a", "N ge 2", maxPerPage: 2, Ct))
        {
            streamed.Add(entity.GetInt32("N")!.Value);
        }

        Assert.Equal([2, 3, 4, 5, 6], streamed);
    }

    [Fact]
    public async Task KeysAndFilterLiteralsWithQuotesAndSpacesWork()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("O'Brien & co", "row with spaces, 'quotes' and æøå") { ["V"] = 1 };

        await table.InsertAsync(entity, Ct);
        var read = await table.GetAsync("O'Brien & co", "row with spaces, 'quotes' and æøå", Ct);
        var found = new List<TableEntity>();
        await foreach (var e in table.QueryPartitionAsync("O'Brien & co", $"RowKey eq {StorageTable.Quote(entity.RowKey)}", Ct))
        {
            found.Add(e);
        }

        Assert.Equal(1, read!.GetInt32("V"));
        Assert.Equal(entity.RowKey, Assert.Single(found).RowKey);
        await table.DeleteAsync(entity.PartitionKey, entity.RowKey, ct: Ct);
        Assert.Null(await table.GetAsync(entity.PartitionKey, entity.RowKey, Ct));
    }

    [Fact]
    public async Task DeleteHonoursETagAndIsHarmlessWhenRepeated()
    {
        var table = await NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);
        var second = await table.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, first, ct: Ct);

        await Assert.ThrowsAsync<StorageConditionNotMetException>(() => table.DeleteAsync("p", "r", first, Ct));
        await table.DeleteAsync("p", "r", second, Ct);
        await table.DeleteAsync("p", "r", ct: Ct);

        Assert.Null(await table.GetAsync("p", "r", Ct));
    }

    [Fact]
    public async Task CreateIsIdempotentAndAMissingTableIsNotFound()
    {
        var table = azurite.Account.GetTable(azurite.UniqueName("t"));
        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(
            () => table.InsertAsync(new TableEntity("p", "r"), Ct));

        await table.CreateIfNotExistsAsync(Ct);
        await table.CreateIfNotExistsAsync(Ct);
        await table.InsertAsync(new TableEntity("p", "r"), Ct);

        Assert.Equal(404, missing.Status);
        Assert.NotNull(await table.GetAsync("p", "r", Ct));
    }

    [Fact]
    public void QuoteDoublesSingleQuotes() =>
        Assert.Equal("'it''s'", StorageTable.Quote("it's"));

    private async Task<StorageTable> NewTableAsync()
    {
        var table = azurite.Account.GetTable(azurite.UniqueName("t"));
        await table.CreateIfNotExistsAsync(Ct);
        return table;
    }
}
