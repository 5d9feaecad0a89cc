namespace Prelabel.Storage;

/// <summary>A received message: hidden from other receivers until <paramref name="NextVisibleOn"/>; delete or update it with <paramref name="PopReceipt"/>.</summary>
/// <param name="DequeueCount">How many times it has been received, this time included.</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    string MessageText,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);
