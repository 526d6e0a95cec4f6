using Azure.Storage.Queues;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>Short forms of the queue reads the tests assert on.</summary>
public static class QueueClientTestExtensions
{
    /// <summary>The decoded text of up to 32 visible messages, without leasing them.</summary>
    public static async Task<IReadOnlyList<string>> PeekTextsAsync(this QueueClient queue, CancellationToken ct) =>
        (await queue.PeekMessagesAsync(32, ct)).Value.Select(message => message.MessageText).ToList();

    /// <summary>The service's approximate count (includes hidden messages).</summary>
    public static async Task<int> CountAsync(this QueueClient queue, CancellationToken ct) =>
        (await queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
}
