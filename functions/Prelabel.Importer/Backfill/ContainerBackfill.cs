using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Prelabel.Importer.Backfill;

/// <summary>
/// Pre-annotates what is already in a container: one BlobCreated event per blob under a prefix that IMPORT_ROUTES
/// takes, sent to the image-events queue, so the same exactly-once path fans the work out over every instance.
/// Blobs already imported cost a ledger look-up each and nothing more.
/// </summary>
public sealed class ContainerBackfill(BlobServiceClient blobs, QueueClient queue, ImportRoutes routes)
{
    public async Task<BackfillSummary> EnqueueAsync(string container, string prefix, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var client = blobs.GetBlobContainerClient(container);
        var (sent, unrouted) = (0, 0);
        await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length > 0 ? prefix : null }, cancellationToken))
        {
            if (routes.ProjectsFor(container, blob.Name).Count == 0)
            {
                unrouted++;
                continue;
            }
            await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(BlobCreatedEvent.For(client, blob).ToJsonString()), cancellationToken: cancellationToken);
            sent++;
            progress?.Report(new BackfillProgress(sent + unrouted, null, sent, unrouted, []));
        }
        return new BackfillSummary($"{container}/{prefix}: events sent to {queue.Name}", sent, unrouted, []);
    }
}
