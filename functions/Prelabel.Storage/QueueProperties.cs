namespace Prelabel.Storage;

/// <summary>A queue's metadata and about how many messages it holds (the service counts lazily).</summary>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
