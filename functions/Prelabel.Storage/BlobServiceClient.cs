using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// The Blob service of one storage account, e.g. https://account.blob.core.windows.net or Azurite's
/// http://127.0.0.1:10000/devstoreaccount1. Its containers and blobs share its pipeline; create one and keep it.
/// </summary>
public sealed class BlobServiceClient
{
    private readonly StoragePipeline _pipeline;

    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    public BlobServiceClient(Uri serviceUri, AzureSasCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    /// <param name="credential">A Microsoft Entra identity, e.g. ManagedIdentityCredential; https only.</param>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    internal BlobServiceClient(Uri serviceUri, StoragePipeline pipeline) => (Uri, _pipeline) = (serviceUri, pipeline);

    public Uri Uri { get; }

    public BlobContainerClient GetBlobContainerClient(string blobContainerName) => new(_pipeline, Uri, blobContainerName);
}
