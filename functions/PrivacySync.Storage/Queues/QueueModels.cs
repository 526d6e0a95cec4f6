namespace PrivacySync.Storage;

/// <summary>A received message: invisible to others until <see cref="NextVisibleOn"/>; delete or update it by <see cref="PopReceipt"/>.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

public sealed record SentMessage(
    string MessageId,
    string PopReceipt,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

/// <summary>After an update the old pop receipt is void; use this one.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

public sealed record PeekedMessage(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn);
