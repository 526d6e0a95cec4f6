using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// The visibility lease on one received message. While the handler runs the lease is renewed at half-time, so
/// no other worker receives the message; it ends exactly once — completed (deleted), released (visible again
/// after a delay) or moved to poison. Renewal and settling are serialized because each Update changes the pop
/// receipt that the next operation must present.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly QueueMessage _message;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _renewal = new();
    private readonly Task _renewLoop;
    private string _popReceipt;
    private bool _settled;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration, TimeProvider timeProvider, ILogger logger)
    {
        _queue = queue;
        _message = message;
        _duration = duration;
        _timeProvider = timeProvider;
        _logger = logger;
        _popReceipt = message.PopReceipt;
        _renewLoop = RenewAsync(_renewal.Token);
    }

    public string MessageId => _message.MessageId;

    /// <summary>Writes the outputs and deletes the message, unless the lease was already settled (e.g. released at shutdown).</summary>
    public Task<bool> CompleteAsync(Func<CancellationToken, Task> beforeDelete, CancellationToken ct) =>
        SettleAsync(async receipt =>
        {
            await beforeDelete(ct).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(_message.MessageId, receipt, ct).ConfigureAwait(false);
        });

    /// <summary>Makes the message visible again after <paramref name="delay"/> (zero: at once).</summary>
    public Task<bool> ReleaseAsync(TimeSpan delay, CancellationToken ct) =>
        SettleAsync(receipt => _queue.UpdateMessageAsync(_message.MessageId, receipt, visibilityTimeout: delay, cancellationToken: ct));

    /// <summary>Copies the original text to the poison queue, then deletes the message.</summary>
    public Task<bool> MoveToPoisonAsync(QueueClient poison, CancellationToken ct) =>
        SettleAsync(async receipt =>
        {
            await poison.SendMessageAsync(_message.Body, cancellationToken: ct).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(_message.MessageId, receipt, ct).ConfigureAwait(false);
        });

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        // The gate is not disposed: a shutdown release may still arrive and must find the lease settled.
        _renewal.Dispose();
    }

    private async Task<bool> SettleAsync(Func<string, Task> action)
    {
        await StopRenewingAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_settled)
            {
                return false;
            }

            try
            {
                await action(_popReceipt).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (IsLost(ex))
            {
                // The lease ran out and another receiver owns the message now: it will be delivered again.
                _settled = true;
                WorkerLog.LeaseLost(_logger, _queue.Name, _message.MessageId);
                return false;
            }

            // Other failures leave the lease unsettled, so the caller can still release the message.
            _settled = true;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>400 PopReceiptMismatch (a newer receipt exists) or 404 (message or queue gone).</summary>
    private static bool IsLost(RequestFailedException ex) => ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch";

    private async Task StopRenewingAsync()
    {
        if (!_renewal.IsCancellationRequested)
        {
            await _renewal.CancelAsync().ConfigureAwait(false);
        }

        await _renewLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        var interval = _duration / 2;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, ct).ConfigureAwait(false);
                await _gate.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (_settled)
                {
                    return;
                }

                UpdateReceipt receipt = await _queue.UpdateMessageAsync(_message.MessageId, _popReceipt, visibilityTimeout: _duration, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                _popReceipt = receipt.PopReceipt;
            }
            catch (RequestFailedException ex) when (IsLost(ex))
            {
                WorkerLog.LeaseLost(_logger, _queue.Name, _message.MessageId);
                return;
            }
            catch (Exception ex)
            {
                // A transient failure: try again at the next half-time while the lease still holds.
                WorkerLog.LeaseRenewalFailed(_logger, ex, _queue.Name, _message.MessageId);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
