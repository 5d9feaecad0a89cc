namespace Prelabel.Storage;

/// <summary>A message seen without receiving it: no pop receipt, its visibility unchanged.</summary>
public sealed record PeekedMessage(string MessageId, long DequeueCount, string MessageText, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn);
