namespace Prelabel.Storage;

/// <summary>A blob is larger than the caller agreed to read; none of its bytes were buffered.</summary>
public sealed class BlobTooLargeException(string blobName, long maxLength, long length)
    : Exception($"Blob {blobName} is {length} bytes, more than the {maxLength} bytes allowed.")
{
    public string BlobName { get; } = blobName;

    /// <summary>Bytes.</summary>
    public long MaxLength { get; } = maxLength;

    /// <summary>Bytes, as the service said (Content-Length).</summary>
    public long Length { get; } = length;
}
