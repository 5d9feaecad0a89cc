using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>One block blob: read it (with a size cap), its properties and metadata, write it whole, delete it, lease it.</summary>
public sealed class BlobClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobClient(StoragePipeline pipeline, Uri containerUri, string containerName, string name)
    {
        _pipeline = pipeline;
        (BlobContainerName, Name) = (containerName, name);
        Uri = StorageUris.Child(containerUri, name);
    }

    public string BlobContainerName { get; }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Opens the blob for reading without buffering it.</summary>
    /// <param name="maxLength">Bytes the caller accepts: a larger Content-Length is refused before any byte is read, and the stream throws if more arrive anyway.</param>
    /// <exception cref="BlobTooLargeException">The blob is larger than <paramref name="maxLength"/>.</exception>
    public async Task<BlobDownloadStreamingResult> DownloadStreamingAsync(
        long maxLength, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        StorageHeaders.AddConditions(message.Request, conditions);
        message.BufferResponse = false;
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var details = BlobProperties.FromHeaders(response.Headers);
        if (details.ContentLength > maxLength)
        {
            throw new BlobTooLargeException(Name, maxLength, details.ContentLength);
        }

        var content = message.ExtractResponseContent() ?? Stream.Null;
        return new BlobDownloadStreamingResult(new LengthLimitedStream(content, maxLength, Name), details);
    }

    /// <summary>The whole blob in memory, for blobs known to be small enough (<paramref name="maxLength"/> caps it as for <see cref="DownloadStreamingAsync"/>).</summary>
    /// <exception cref="BlobTooLargeException">The blob is larger than <paramref name="maxLength"/>.</exception>
    public async Task<(byte[] Content, BlobProperties Details)> DownloadContentAsync(
        long maxLength, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var download = await DownloadStreamingAsync(maxLength, conditions, cancellationToken).ConfigureAwait(false);
        using var bytes = new MemoryStream();
        await download.Content.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return (bytes.ToArray(), download.Details);
    }

    public async Task<BlobProperties> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Uri);
        StorageHeaders.AddConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return BlobProperties.FromHeaders(response.Headers);
    }

    /// <summary>Replaces all of the blob's metadata.</summary>
    public async Task<BlobInfo> SetMetadataAsync(
        IReadOnlyDictionary<string, string> metadata, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        StorageHeaders.AddMetadata(message.Request, metadata);
        StorageHeaders.AddConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new BlobInfo(StorageHeaders.RequiredETag(response.Headers), StorageHeaders.LastModified(response.Headers));
    }

    /// <summary>Writes the whole blob in one Put Blob.</summary>
    public Task<BlobInfo> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadAsync(RequestContent.Create(content), options, cancellationToken);

    /// <param name="content">Seekable (a retry sends it again from its current position); not disposed.</param>
    public Task<BlobInfo> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadAsync(content.CanSeek ? RequestContent.Create(content) : throw new ArgumentException("The stream must be seekable.", nameof(content)), options, cancellationToken);

    public async Task DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri);
        StorageHeaders.AddConditions(message.Request, conditions);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>False when there was no blob.</returns>
    public async Task<bool> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(conditions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageRequestFailedException e) when (e.ErrorCode is StorageErrorCode.BlobNotFound)
        {
            return false;
        }
    }

    /// <param name="leaseId">An existing lease to renew or release; a new id is proposed when null.</param>
    public BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, Uri, leaseId);

    private async Task<BlobInfo> UploadAsync(RequestContent content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        var request = message.Request;
        request.Content = content;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        if (options?.ContentType is { } contentType)
        {
            request.Headers.SetValue("x-ms-blob-content-type", contentType);
        }

        StorageHeaders.AddMetadata(request, options?.Metadata);
        StorageHeaders.AddConditions(request, options?.Conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new BlobInfo(StorageHeaders.RequiredETag(response.Headers), StorageHeaders.LastModified(response.Headers));
    }
}
