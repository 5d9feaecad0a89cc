using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Prelabel.Storage;

/// <summary>Reading a blob of unknown size (an upload, a model) without ever buffering more than the caller accepts.</summary>
public static class CappedDownload
{
    /// <summary>Opens the blob for streaming once its Content-Length, read from the answer's headers, is known to be within <paramref name="maxLength"/>.</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger; its body was not read.</exception>
    /// <exception cref="RequestFailedException">E.g. BlobNotFound, ContainerNotFound.</exception>
    public static async Task<BlobDownloadStreamingResult> OpenCappedAsync(this BlobClient blob, long maxLength, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (download.Details.ContentLength <= maxLength) return download;
        download.Dispose();
        throw new BlobTooLargeException(blob.Name, maxLength, download.Details.ContentLength);
    }

    /// <summary>The whole blob, in one array of exactly its length.</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <paramref name="maxLength"/>; nothing was buffered.</exception>
    public static async Task<(byte[] Content, BlobDownloadDetails Details)> DownloadCappedAsync(this BlobClient blob, long maxLength, CancellationToken cancellationToken = default)
    {
        using var download = await blob.OpenCappedAsync(Math.Min(maxLength, Array.MaxLength), cancellationToken).ConfigureAwait(false);
        var content = new byte[download.Details.ContentLength];
        await download.Content.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        return (content, download.Details);
    }
}
