using System.CommandLine;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using PrivacySync.Storage;

namespace PrivacySync.Cli;

/// <summary>
/// <c>replay-poison --queue Q</c>: moves every message from Q-poison back to Q (storage from AzureWebJobsStorage) and
/// prints the count. Each message is sent to Q before it is deleted from the poison queue, so a crash can repeat a
/// message but never lose one (handlers are idempotent). Messages poisoned again while the replay runs are left for
/// the next replay instead of being cycled forever.
/// </summary>
public static class ReplayPoisonCommand
{
    private const int Batch = 32;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static Command Create(IConfiguration settings, TextWriter output, TextWriter error)
    {
        var queue = new Option<string>("--queue") { Description = "The queue whose -poison queue is replayed, e.g. dsr-tasks.", Required = true };
        var command = new Command("replay-poison", "Move every message from <queue>-poison back to <queue>.") { queue };
        command.SetAction(async (parsed, ct) =>
        {
            var name = parsed.GetValue(queue)!;
            QueueClient target;
            QueueClient poison;
            try
            {
                var clients = StorageClients.FromConfiguration(settings);
                target = clients.Queue(name);
                poison = clients.Queue(FlowQueueNames.Poison(name));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                await error.WriteLineAsync($"--queue / AzureWebJobsStorage: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            int moved;
            try
            {
                moved = await ReplayAsync(poison, target, ct);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode is "InvalidResourceName" or "OutOfRangeInput")
            {
                await error.WriteLineAsync($"--queue: '{name}' is not a valid queue name (3-63 lowercase letters, digits, single hyphens).");
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync($"Moved {moved} message(s) from {poison.Name} to {target.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static async Task<int> ReplayAsync(QueueClient poison, QueueClient target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poison);
        ArgumentNullException.ThrowIfNull(target);
        var started = DateTimeOffset.UtcNow;
        var moved = 0;
        await target.CreateIfNotExistsAsync(cancellationToken: ct);
        while (true)
        {
            QueueMessage[] batch;
            try
            {
                batch = await poison.ReceiveMessagesAsync(Batch, Lease, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return moved;
            }

            // Only messages poisoned before the replay began (the clock margin covers skew with the service).
            var old = batch.Where(m => m.InsertedOn is not { } inserted || inserted <= started.AddSeconds(5)).ToList();
            foreach (var message in batch.Except(old))
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
            }

            if (old.Count == 0)
            {
                return moved;
            }

            foreach (var message in old)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: ct);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                moved++;
            }
        }
    }
}
