using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.FunctionsHost.Configuration;
using PrivacySync.FunctionsHost.Rpc;

namespace PrivacySync.FunctionsHost.Triggers;

/// <summary>
/// Polls one queue for one function the way the Functions queue trigger does: batches of batchSize, a new batch when
/// at most newBatchThreshold are in flight, exponential back-off to maxPollingInterval while empty, the lease renewed
/// while an invocation runs; delete on success, visible again after visibilityTimeout on failure, and on the
/// maxDequeueCount-th failure a copy to &lt;queue&gt;-poison and delete.
/// </summary>
internal sealed class QueueListener
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly FunctionDefinition _function;
    private readonly QueueClient _queue;
    private readonly string _connectionString;
    private readonly QueueClients _clients;
    private readonly QueueSettings _settings;
    private readonly Invoker _invoker;
    private readonly QueueOutputWriter _outputs;
    private readonly FunctionsHostOptions _options;
    private readonly ILogger _logger;
    private readonly bool _deferredBinding;
    private readonly CancellationTokenSource _stopFetching = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly SemaphoreSlim _finished = new(0);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private Task _polling = Task.CompletedTask;

    public QueueListener(
        FunctionDefinition function,
        string connectionString,
        string queueName,
        QueueClients clients,
        QueueSettings settings,
        Invoker invoker,
        QueueOutputWriter outputs,
        FunctionsHostOptions options)
    {
        _function = function;
        _connectionString = connectionString;
        QueueName = queueName;
        _logger = options.LoggerFactory.CreateLogger("Host.Triggers.Queue");
        _queue = clients.CreateForTrigger(connectionString, queueName, messageId => Log.UndecodableMessagePoisoned(_logger, function.Name, messageId, QueueClients.PoisonQueueName(queueName)));
        _clients = clients;
        _settings = settings;
        _invoker = invoker;
        _outputs = outputs;
        _options = options;
        _deferredBinding = function.Trigger.Raw["properties"]?["supportsDeferredBinding"]?.ToString()
            .Equals("true", StringComparison.OrdinalIgnoreCase) == true;
    }

    public string QueueName { get; }

    public string FunctionName => _function.Name;

    public int InFlight => _inFlight.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The trigger's queue may not exist yet; creating it lets polling start cleanly (and is idempotent).
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _polling = Task.Run(PollAsync, CancellationToken.None);
        Log.QueueListening(_logger, _function.Name, QueueName);
    }

    private async Task PollAsync()
    {
        var token = _stopFetching.Token;
        var delay = MinimumPollingInterval;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (_inFlight.Count > _settings.NewBatchThreshold)
                {
                    await _finished.WaitAsync(token);
                    continue;
                }

                QueueMessage[] batch = (await _queue.ReceiveMessagesAsync(_settings.BatchSize, _options.QueueMessageLease, token)).Value;
                if (batch.Length == 0)
                {
                    await Task.Delay(delay, _options.TimeProvider, token);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinimumPollingInterval;
                foreach (var message in batch)
                {
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _inFlight[message.MessageId] = done.Task;
                    _ = ProcessAsync(message, done);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                Log.QueuePollFailed(_logger, QueueName, e.Status, e.ErrorCode ?? e.Message);
                await DelayQuietly(delay, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
            {
                Log.QueuePollFailed(_logger, QueueName, 0, e.Message);
                await DelayQuietly(delay, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
            }
        }
    }

    private async Task DelayQuietly(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ProcessAsync(QueueMessage message, TaskCompletionSource done)
    {
        var popReceipt = message.PopReceipt;
        try
        {
            if (message.DequeueCount > _settings.MaxDequeueCount)
            {
                // Already failed often enough (e.g. the host died mid-invocation each time): straight to poison.
                await PoisonAsync(message, popReceipt);
                return;
            }

            using var renewal = new CancellationTokenSource();
            var renewing = RenewAsync(message.MessageId, () => popReceipt, receipt => popReceipt = receipt, renewal.Token);
            InvocationOutcome outcome;
            try
            {
                outcome = await _invoker.InvokeAsync(_function, BuildRequest(message), null, _abandon.Token);
                if (outcome.Succeeded)
                {
                    try
                    {
                        await _outputs.WriteAsync(_function, outcome.Response!, CancellationToken.None);
                    }
                    catch (Exception e) when (e is RequestFailedException or NotSupportedException or JsonException)
                    {
                        Log.OutputFailed(_logger, _function.Name, e.Message);
                        outcome = outcome with { Status = InvocationStatus.Failed, Error = e.Message };
                    }
                }
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
            }

            switch (outcome.Status)
            {
                case InvocationStatus.Succeeded:
                    await _queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
                    break;
                case InvocationStatus.Abandoned:
                    // Shutdown: another instance may take it at once.
                    await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                    Log.MessageReleased(_logger, _function.Name, message.MessageId);
                    break;
                case InvocationStatus.Failed when message.DequeueCount >= _settings.MaxDequeueCount:
                    await PoisonAsync(message, popReceipt);
                    break;
                default:
                    await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                    Log.MessageRetried(_logger, _function.Name, message.MessageId, message.DequeueCount, _settings.VisibilityTimeout);
                    break;
            }
        }
        catch (RequestFailedException e)
        {
            // The lease was lost (or storage failed): the message reappears when its visibility runs out.
            Log.MessageSettleFailed(_logger, _function.Name, message.MessageId, e.Status, e.ErrorCode ?? e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            Log.MessageSettleFailed(_logger, _function.Name, message.MessageId, 0, e.Message);
        }
        finally
        {
            _inFlight.TryRemove(message.MessageId, out _);
            done.TrySetResult();
            _finished.Release();
        }
    }

    private async Task RenewAsync(string messageId, Func<string> popReceipt, Action<string> update, CancellationToken token)
    {
        var interval = _options.QueueMessageLease / 2;
        while (true)
        {
            try
            {
                await Task.Delay(interval, _options.TimeProvider, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancellable: a renewal that reached the server must hand back its pop receipt.
                var receipt = await _queue.UpdateMessageAsync(messageId, popReceipt(), visibilityTimeout: _options.QueueMessageLease, cancellationToken: CancellationToken.None);
                update(receipt.Value.PopReceipt);
            }
            catch (RequestFailedException e)
            {
                Log.LeaseRenewFailed(_logger, _function.Name, messageId, e.Status);
                return;
            }
        }
    }

    private async Task PoisonAsync(QueueMessage message, string popReceipt)
    {
        var poisonName = QueueClients.PoisonQueueName(QueueName);
        var poison = await _clients.GetCreatedAsync(_connectionString, poisonName, CancellationToken.None);
        await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
        Log.MessagePoisoned(_logger, _function.Name, message.MessageId, message.DequeueCount, poisonName);
    }

    private InvocationRequest BuildRequest(QueueMessage message)
    {
        var text = message.Body.ToString();
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString() };
        TypedData input;
        if (_deferredBinding)
        {
            // SDK-type binding (QueueMessage parameter): the worker builds it from this JSON.
            var content = new JObject
            {
                ["MessageId"] = message.MessageId,
                ["PopReceipt"] = message.PopReceipt,
                ["MessageText"] = text,
                ["DequeueCount"] = message.DequeueCount,
            };
            // The worker's reader takes these as dates; a missing one is left out rather than sent as null.
            foreach (var (name, value) in new[] { ("NextVisibleOn", message.NextVisibleOn), ("InsertedOn", message.InsertedOn), ("ExpiresOn", message.ExpiresOn) })
            {
                if (value is { } time)
                {
                    content[name] = time.UtcDateTime;
                }
            }

            input = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFromUtf8(content.ToString(Formatting.None)),
                },
            };
        }
        else
        {
            input = new TypedData { String = text };
        }

        request.InputData.Add(new ParameterBinding { Name = _function.Trigger.Name, Data = input });

        // Trigger metadata as the queue extension's binding data reaches an out-of-process worker: strings as
        // strings, everything else JSON-serialised.
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = text };
        metadata["DequeueCount"] = Json(message.DequeueCount);
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        if (message.InsertedOn is { } inserted)
        {
            metadata["InsertionTime"] = Json(inserted);
        }

        if (message.ExpiresOn is { } expires)
        {
            metadata["ExpirationTime"] = Json(expires);
        }

        if (message.NextVisibleOn is { } nextVisible)
        {
            metadata["NextVisibleTime"] = Json(nextVisible);
        }

        metadata["sys"] = Json(new { MethodName = _function.Name, UtcNow = _options.TimeProvider.GetUtcNow(), RandGuid = Guid.NewGuid() });
        return request;
    }

    private static TypedData Json(object value) => new() { Json = JsonConvert.SerializeObject(value) };

    /// <summary>Stops fetching new messages; in-flight invocations go on.</summary>
    public async Task StopFetchingAsync()
    {
        await _stopFetching.CancelAsync();
        await _polling;
    }

    /// <summary>Waits for in-flight invocations until the deadline, then abandons the rest (visible again at once).</summary>
    public async Task DrainAsync(CancellationToken deadline)
    {
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            await Task.WhenAll(_inFlight.Values);
        }
    }
}
