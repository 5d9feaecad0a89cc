using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// The Queue service of one storage account, e.g. https://account.queue.core.windows.net or Azurite's
/// http://127.0.0.1:10001/devstoreaccount1. Its queues share its pipeline; create one and keep it.
/// </summary>
public sealed class QueueServiceClient
{
    private readonly StoragePipeline _pipeline;

    public QueueServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    public QueueServiceClient(Uri serviceUri, AzureSasCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    /// <param name="credential">A Microsoft Entra identity, e.g. ManagedIdentityCredential; https only.</param>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StoragePipeline.For(credential, options))
    {
    }

    internal QueueServiceClient(Uri serviceUri, StoragePipeline pipeline) => (Uri, _pipeline) = (serviceUri, pipeline);

    public Uri Uri { get; }

    /// <param name="queueName">3 to 63 lower-case letters, digits and single hyphens.</param>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, Uri, queueName);
}
