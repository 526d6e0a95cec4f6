using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// Plays the host's queue trigger for one function: receives up to batchSize messages under a visibility lease,
/// runs up to batchSize + newBatchThreshold of them at once, writes the queue outputs and deletes each message
/// once; a failure makes the message visible again after visibilityTimeout, and the delivery that reaches
/// maxDequeueCount moves it to &lt;queue&gt;-poison. Empty polls back off exponentially up to maxPollingInterval.
/// </summary>
internal sealed class QueueTriggerListener : IAsyncDisposable
{
    private readonly FunctionMetadata _function;
    private readonly QueueSettings _settings;
    private readonly WorkerHostOptions _options;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueOutputWriter _outputs;
    private readonly FunctionInvoker _invoker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _polling = new();
    private readonly CancellationTokenSource _handlers = new();
    private readonly ConcurrentDictionary<InFlightMessage, byte> _inFlight = new();
    private readonly SemaphoreSlim _slotFreed = new(0);
    private Task _pollLoop = Task.CompletedTask;

    public QueueTriggerListener(
        FunctionMetadata function,
        QueueSettings settings,
        WorkerHostOptions options,
        StorageAccounts accounts,
        QueueOutputWriter outputs,
        FunctionInvoker invoker,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _function = function;
        _settings = settings;
        _options = options;
        _queue = accounts.GetQueue(function.Queue!.ConnectionSetting, function.Queue.QueueName);
        _poison = accounts.GetQueue(function.Queue.ConnectionSetting, QueueMessages.PoisonQueueName(function.Queue.QueueName));
        _outputs = outputs;
        _invoker = invoker;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public int InFlightCount => _inFlight.Count;

    public void Start()
    {
        WorkerLog.QueueListening(_logger, _queue.Name, _function.Name, _settings.BatchSize, _settings.MaxDequeueCount);
        _pollLoop = PollAsync(_polling.Token);
    }

    /// <summary>
    /// Stops receiving, lets in-flight handlers finish within <paramref name="grace"/>, then cancels them and
    /// makes every message that did not finish visible again, so nothing is lost.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _polling.CancelAsync().ConfigureAwait(false);
        await _pollLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        WorkerLog.QueueStopping(_logger, _queue.Name, _inFlight.Count);

        var running = _inFlight.Keys.Select(message => message.Processing).ToList();
        if (!await CompletesWithinAsync(running, grace).ConfigureAwait(false))
        {
            await _handlers.CancelAsync().ConfigureAwait(false);
            foreach (var message in _inFlight.Keys)
            {
                if (message.Lease is { } lease && await lease.ReleaseAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false))
                {
                    WorkerLog.MessageReleased(_logger, _queue.Name, lease.MessageId);
                }
            }

            await CompletesWithinAsync(_inFlight.Keys.Select(message => message.Processing).ToList(), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_polling.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }

        _polling.Dispose();
        _handlers.Dispose();
        _slotFreed.Dispose();
    }

    private async Task<bool> CompletesWithinAsync(IReadOnlyCollection<Task> tasks, TimeSpan timeout)
    {
        if (tasks.Count == 0)
        {
            return true;
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(timeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // Processing tasks log their own failures; here only completion matters.
        }

        return tasks.All(task => task.IsCompleted);
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        var backoff = new PollingBackoff(_settings.MaxPollingInterval);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Fetch a new batch only when at most newBatchThreshold messages are still running.
                while (_inFlight.Count > _settings.NewBatchThreshold)
                {
                    await _slotFreed.WaitAsync(stopping).ConfigureAwait(false);
                }

                // The receive itself is not cancelled: a cancelled request could still take messages off the queue.
                QueueMessage[] messages = await _queue.ReceiveMessagesAsync(_settings.BatchSize, _options.MessageLease, CancellationToken.None).ConfigureAwait(false);
                if (messages.Length > 0)
                {
                    backoff.Reset();
                    foreach (var message in messages)
                    {
                        Dispatch(message, stopping.IsCancellationRequested);
                    }

                    continue;
                }

                await Task.Delay(backoff.NextDelay(), _timeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WorkerLog.ReceiveFailed(_logger, ex, _queue.Name);
                try
                {
                    await Task.Delay(_settings.MaxPollingInterval, _timeProvider, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Dispatch(QueueMessage message, bool stopping)
    {
        var entry = new InFlightMessage();
        _inFlight[entry] = 0;
        entry.Processing = ProcessAsync(message, entry, stopping);
    }

    private async Task ProcessAsync(QueueMessage message, InFlightMessage entry, bool stopping)
    {
        await Task.Yield();
        try
        {
            await using var lease = new MessageLease(_queue, message, _options.MessageLease, _timeProvider, _logger);
            entry.Lease = lease;
            if (stopping)
            {
                // Received while a stop was requested: hand it straight back.
                await lease.ReleaseAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            if (message.DequeueCount > _settings.MaxDequeueCount)
            {
                // Already delivered more often than allowed (e.g. a crash after each delivery): do not run it again.
                await MoveToPoisonAsync(lease, message).ConfigureAwait(false);
                return;
            }

            await RunAsync(lease, message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WorkerLog.CompleteFailed(_logger, ex, _queue.Name, message.MessageId);
        }
        finally
        {
            _inFlight.TryRemove(entry, out _);
            _slotFreed.Release();
        }
    }

    private async Task RunAsync(MessageLease lease, QueueMessage message)
    {
        var ct = _handlers.Token;
        FunctionResult result;
        try
        {
            result = await _invoker.InvokeAsync(QueueMessages.ToInvocation(_function, message), ct).ConfigureAwait(false);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Cancelled by shutdown: not a failed delivery; make it visible again at once.
            await lease.ReleaseAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        catch (Exception)
        {
            await FailAsync(lease, message).ConfigureAwait(false);
            return;
        }

        try
        {
            await lease.CompleteAsync(token => _outputs.WriteAsync(_function, result, token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Outputs or the delete failed: count it as a failed delivery so it is retried (handlers are idempotent).
            WorkerLog.CompleteFailed(_logger, ex, _queue.Name, message.MessageId);
            await FailAsync(lease, message).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(MessageLease lease, QueueMessage message)
    {
        if (message.DequeueCount >= _settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(lease, message).ConfigureAwait(false);
            return;
        }

        if (await lease.ReleaseAsync(_settings.VisibilityTimeout, CancellationToken.None).ConfigureAwait(false))
        {
            WorkerLog.MessageRetrying(_logger, _queue.Name, message.MessageId, message.DequeueCount, _settings.VisibilityTimeout);
        }
    }

    private async Task MoveToPoisonAsync(MessageLease lease, QueueMessage message)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        if (await lease.MoveToPoisonAsync(_poison, CancellationToken.None).ConfigureAwait(false))
        {
            WorkerLog.MessagePoisoned(_logger, _queue.Name, message.MessageId, _poison.Name, message.DequeueCount);
        }
    }

    private sealed class InFlightMessage
    {
        public Task Processing { get; set; } = Task.CompletedTask;

        public MessageLease? Lease { get; set; }
    }
}
