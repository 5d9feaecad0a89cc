using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>A blob's system properties and user metadata, as Get Blob Properties and Get Blob return them.</summary>
/// <param name="ContentLength">Bytes.</param>
/// <param name="Metadata">x-ms-meta-* without the prefix; names compare case-insensitively.</param>
public sealed record BlobProperties(
    ETag ETag,
    long ContentLength,
    string? ContentType,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata)
{
    internal static BlobProperties FromHeaders(ResponseHeaders headers) => new(
        StorageHeaders.RequiredETag(headers),
        headers.ContentLengthLong ?? 0,
        headers.ContentType,
        StorageHeaders.LastModified(headers),
        StorageHeaders.ReadMetadata(headers));
}
