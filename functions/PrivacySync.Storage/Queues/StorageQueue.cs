using System.Globalization;
using Azure.Core;
using PrivacySync.Storage.Http;
using PrivacySync.Storage.Queues;

namespace PrivacySync.Storage;

/// <summary>
/// One queue. Retries (Azure.Core) may repeat a send after a lost response, so a message can arrive twice:
/// queues are at-least-once anyway and handlers are idempotent.
/// </summary>
public sealed class StorageQueue
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    private readonly StorageService _service;

    internal StorageQueue(StorageService service, string name)
    {
        _service = service;
        Name = StorageNames.QueueOrContainer(name, "queue");
    }

    public string Name { get; }

    private string MessagesPath => $"{Name}/messages";

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, Name);
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        // 201 created, 204 exists with the same (empty) metadata, 409 exists with other metadata: all mean "exists".
        if (response.Status is not (201 or 204) && !(response.Status == 409 && StorageErrors.ReadErrorCode(response) == "QueueAlreadyExists"))
        {
            throw StorageErrors.FromResponse(Op("CreateQueue"), response);
        }
    }

    public async Task DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, Name);
        await _service.SendExpectingAsync(message, Op("DeleteQueue"), ct, ErrorContext.None, 204, 404).ConfigureAwait(false);
    }

    /// <param name="visibilityDelay">Hidden from receivers until then (0 to 7 days).</param>
    /// <param name="timeToLive">Expiry; <see cref="Timeout.InfiniteTimeSpan"/> for never, null for the service default (7 days).</param>
    public async Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (visibilityDelay is { } delay && (delay < TimeSpan.Zero || delay > MaxVisibility))
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), "Visibility delay must be between 0 and 7 days.");
        }

        if (timeToLive is { } ttl && ttl != Timeout.InfiniteTimeSpan && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), "Time to live must be positive or infinite.");
        }

        using var message = _service.CreateMessage(RequestMethod.Post, MessagesPath,
            ("visibilitytimeout", visibilityDelay is { } d && d > TimeSpan.Zero ? StorageService.Seconds(d) : null),
            ("messagettl", timeToLive is { } t ? (t == Timeout.InfiniteTimeSpan ? "-1" : StorageService.Seconds(t)) : null));
        SetXmlBody(message, QueueXml.MessageBody(text));

        var response = await _service.SendExpectingAsync(message, Op("PutMessage"), ct, ErrorContext.None, 201).ConfigureAwait(false);
        var sent = QueueXml.Messages(response.Content.ToString()).Single();
        return new SentMessage(
            QueueXml.Value(sent, "MessageId"),
            QueueXml.Value(sent, "PopReceipt"),
            QueueXml.Time(sent, "InsertionTime"),
            QueueXml.Time(sent, "ExpirationTime"),
            QueueXml.Time(sent, "TimeNextVisible"));
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1..32), hiding them for <paramref name="visibilityTimeout"/> (1 s..7 days).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        if (visibilityTimeout < TimeSpan.FromSeconds(1) || visibilityTimeout > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), "Visibility timeout must be between 1 second and 7 days.");
        }

        using var message = _service.CreateMessage(RequestMethod.Get, MessagesPath,
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", StorageService.Seconds(visibilityTimeout)));
        var response = await _service.SendExpectingAsync(message, Op("GetMessages"), ct, ErrorContext.None, 200).ConfigureAwait(false);
        return QueueXml.Messages(response.Content.ToString())
            .Select(m => new QueueMessage(
                QueueXml.Value(m, "MessageId"),
                QueueXml.Value(m, "PopReceipt"),
                QueueXml.Text(m),
                QueueXml.Count(m),
                QueueXml.Time(m, "InsertionTime"),
                QueueXml.Time(m, "ExpirationTime"),
                QueueXml.Time(m, "TimeNextVisible")))
            .ToList();
    }

    /// <summary>
    /// Extends (or ends, with zero) a received message's invisibility and optionally replaces its text.
    /// Throws <see cref="StoragePopReceiptMismatchException"/> when the receipt is stale.
    /// </summary>
    public async Task<UpdateReceipt> UpdateAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newText = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), "Visibility timeout must be between 0 and 7 days.");
        }

        using var message = _service.CreateMessage(RequestMethod.Put, $"{MessagesPath}/{Uri.EscapeDataString(messageId)}",
            ("popreceipt", popReceipt),
            ("visibilitytimeout", StorageService.Seconds(visibilityTimeout)));
        if (newText is not null)
        {
            SetXmlBody(message, QueueXml.MessageBody(newText));
        }

        var operation = Op("UpdateMessage");
        var response = await _service.SendExpectingAsync(message, operation, ct, ErrorContext.PopReceipt, 204).ConfigureAwait(false);
        return new UpdateReceipt(
            StorageService.RequiredHeader(response, "x-ms-popreceipt", operation),
            StorageService.ParseHttpDate(StorageService.RequiredHeader(response, "x-ms-time-next-visible", operation)));
    }

    /// <summary>Throws <see cref="StoragePopReceiptMismatchException"/> when the receipt is stale or the message is gone.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = _service.CreateMessage(RequestMethod.Delete, $"{MessagesPath}/{Uri.EscapeDataString(messageId)}",
            ("popreceipt", popReceipt));
        await _service.SendExpectingAsync(message, Op("DeleteMessage"), ct, ErrorContext.PopReceipt, 204).ConfigureAwait(false);
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1..32) visible messages without hiding them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _service.CreateMessage(RequestMethod.Get, MessagesPath,
            ("peekonly", "true"),
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)));
        var response = await _service.SendExpectingAsync(message, Op("PeekMessages"), ct, ErrorContext.None, 200).ConfigureAwait(false);
        return QueueXml.Messages(response.Content.ToString())
            .Select(m => new PeekedMessage(
                QueueXml.Value(m, "MessageId"),
                QueueXml.Text(m),
                QueueXml.Count(m),
                QueueXml.Time(m, "InsertionTime")))
            .ToList();
    }

    /// <summary>The service's approximate count (includes invisible messages; may lag).</summary>
    public async Task<int> GetApproximateCountAsync(CancellationToken ct = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Get, Name, ("comp", "metadata"));
        var operation = Op("GetQueueMetadata");
        var response = await _service.SendExpectingAsync(message, operation, ct, ErrorContext.None, 200).ConfigureAwait(false);
        return int.Parse(StorageService.RequiredHeader(response, "x-ms-approximate-messages-count", operation),
            NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Delete, MessagesPath);
        await _service.SendExpectingAsync(message, Op("ClearMessages"), ct, ErrorContext.None, 204).ConfigureAwait(false);
    }

    private static void SetXmlBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(body);
    }

    private string Op(string operation) => $"Queue.{operation} ({Name})";
}
