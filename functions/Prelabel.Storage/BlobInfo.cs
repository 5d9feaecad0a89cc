using Azure;

namespace Prelabel.Storage;

/// <summary>A blob's new version after a write: upload, set metadata.</summary>
public sealed record BlobInfo(ETag ETag, DateTimeOffset LastModified);
