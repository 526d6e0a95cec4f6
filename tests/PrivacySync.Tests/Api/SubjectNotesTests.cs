using PrivacySync.Core.Connectors;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Api;

/// <summary>The officer's notes are kept beside the subject's identifiers and purged with them.</summary>
public sealed class SubjectNotesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task NotesAreStoredBesideTheSubjectAndPurgedWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new BlobSubjectStore(azurite.Clients);
        await store.EnsureCreatedAsync(ct);
        var requestId = azurite.UniqueName("notes");
        await store.SaveAsync(requestId, new SubjectIdentity("kari@example.com", "Kari"), ct);
        await store.SaveNotesAsync(requestId, "Line one\nLine two – æøå", ct);

        Assert.Equal("Line one\nLine two – æøå", await store.GetNotesAsync(requestId, ct));

        await store.DeleteAsync(requestId, ct);
        Assert.Null(await store.GetNotesAsync(requestId, ct));
        Assert.Null(await store.GetAsync(requestId, ct));
        Assert.Null(await store.GetNotesAsync(azurite.UniqueName("none"), ct));
    }
}
