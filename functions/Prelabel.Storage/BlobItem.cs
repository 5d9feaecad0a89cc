using Azure;

namespace Prelabel.Storage;

/// <summary>One blob of a listing.</summary>
/// <param name="ContentLength">Bytes.</param>
public sealed record BlobItem(string Name, ETag ETag, long ContentLength, string? ContentType, DateTimeOffset LastModified);
