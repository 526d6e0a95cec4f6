using Azure.Storage.Queues;
using PrivacySync.Cli;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Cli;

/// <summary><c>replay-poison</c> moves every message of &lt;queue&gt;-poison back to &lt;queue&gt; in Azurite.</summary>
public sealed class ReplayPoisonCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly List<QueueClient> _queues = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.DeleteIfExistsAsync();
        }
    }

    private CliRunner Cli() => new(new Dictionary<string, string?> { [StorageSettings.SettingName] = azurite.ConnectionString });

    private (QueueClient Queue, QueueClient Poison) Queues()
    {
        var name = azurite.UniqueName("replay");
        var queue = azurite.Clients.Queue(name);
        var poison = azurite.Clients.Queue(QueueNames.Poison(name));
        _queues.AddRange([queue, poison]);
        return (queue, poison);
    }

    [Fact]
    public async Task EveryPoisonedMessageGoesBackToItsQueue()
    {
        var (queue, poison) = Queues();
        await poison.CreateIfNotExistsAsync(cancellationToken: Ct);
        string[] texts = [.. Enumerable.Range(1, 40).Select(i => $$"""{"RequestId":"dsr-{{i}}"}""")];
        foreach (var text in texts)
        {
            await poison.SendMessageAsync(text, Ct);
        }

        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("replay-poison", "--queue", queue.Name));
        Assert.Contains("Moved 40 message(s)", cli.Output, StringComparison.Ordinal);
        Assert.Equal(0, await poison.CountAsync(Ct));
        var moved = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), Ct)).Value is { Length: > 0 } batch)
        {
            moved.AddRange(batch.Select(m => m.MessageText));
        }

        Assert.Equal(texts.Order(StringComparer.Ordinal), moved.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnEmptyOrMissingPoisonQueueMovesNothing()
    {
        var (queue, _) = Queues();
        var cli = Cli();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("replay-poison", "--queue", queue.Name));
        Assert.Contains("Moved 0 message(s)", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidQueueNameOrMissingStorageExitsWith2()
    {
        Assert.Equal(ExitCodes.InvalidInput, await Cli().RunAsync("replay-poison", "--queue", "Not_A_Queue"));
        Assert.Equal(ExitCodes.InvalidInput, await new CliRunner().RunAsync("replay-poison", "--queue", "dsr-tasks"));
    }
}
