using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>One blob container: create it, list its blobs, reach a blob.</summary>
public sealed class BlobContainerClient
{
    private static readonly StatusCodeClassifier CreatedOrExists = new([201, 409]);

    private readonly StoragePipeline _pipeline;

    internal BlobContainerClient(StoragePipeline pipeline, Uri serviceUri, string name)
    {
        (_pipeline, Name) = (pipeline, name);
        Uri = StorageUris.Child(serviceUri, name);
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <returns>True when this call created the container.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("restype", "container");

        // 409 is the expected answer when it exists; classified as success it is neither logged as a failure nor thrown.
        message.ResponseClassifier = CreatedOrExists;
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return true;
        }

        var failure = await StorageRequestFailedException.FromResponseAsync(message.Request, response, cancellationToken).ConfigureAwait(false);
        return failure.ErrorCode == StorageErrorCode.ContainerAlreadyExists ? false : throw failure;
    }

    /// <summary>The blobs whose names start with <paramref name="prefix"/>, in name order, fetched a page at a time.</summary>
    /// <param name="pageSizeHint">Blobs per List Blobs call (the service's default and maximum is 5000).</param>
    public async IAsyncEnumerable<BlobItem> GetBlobsAsync(
        string? prefix = null, int? pageSizeHint = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
            var uri = message.Request.Uri;
            uri.AppendQuery("restype", "container");
            uri.AppendQuery("comp", "list");
            if (!string.IsNullOrEmpty(prefix))
            {
                uri.AppendQuery("prefix", prefix);
            }

            if (marker is not null)
            {
                uri.AppendQuery("marker", marker);
            }

            if (pageSizeHint is { } size)
            {
                uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture));
            }

            var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var page = await BlobListXml.ReadAsync(response.ContentStream ?? Stream.Null, cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Blobs)
            {
                yield return blob;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    public BlobClient GetBlobClient(string blobName) => new(_pipeline, Uri, Name, blobName);
}
