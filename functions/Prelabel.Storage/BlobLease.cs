using Azure;

namespace Prelabel.Storage;

/// <summary>An acquired or renewed lease: the id that writes must carry, and the blob's ETag at the time.</summary>
public sealed record BlobLease(string LeaseId, ETag ETag, DateTimeOffset LastModified);
