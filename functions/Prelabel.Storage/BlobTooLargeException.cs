namespace Prelabel.Storage;

/// <summary>A blob is larger than the caller agreed to read; nothing past the limit was buffered.</summary>
public sealed class BlobTooLargeException(string blobName, long maxLength, long? length)
    : Exception(length is { } bytes
        ? $"Blob {blobName} is {bytes} bytes, more than the {maxLength} bytes allowed."
        : $"Blob {blobName} is more than the {maxLength} bytes allowed.")
{
    public string BlobName { get; } = blobName;

    /// <summary>Bytes.</summary>
    public long MaxLength { get; } = maxLength;

    /// <summary>Bytes, when the service said (Content-Length); null when the stream ran past the limit.</summary>
    public long? Length { get; } = length;
}
