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
    /// <summary>Messages in flight at once: one at a time, a container of 100,000 blobs would outlast an HTTP request.</summary>
    private const int Sending = 16;

    public async Task<BackfillSummary> EnqueueAsync(string container, string prefix, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var client = blobs.GetBlobContainerClient(container);
        var (sent, unrouted) = (0, 0);
        // A listing page (up to 5,000 blobs) at a time; the next page is asked for once this one's events are sent.
        await foreach (var page in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length > 0 ? prefix : null }, cancellationToken).AsPages())
        {
            var routed = page.Values.Where(b => routes.ProjectsFor(container, b.Name).Count > 0).ToArray();
            unrouted += page.Values.Count - routed.Length;
            await Parallel.ForEachAsync(routed, new ParallelOptions { MaxDegreeOfParallelism = Sending, CancellationToken = cancellationToken }, async (blob, ct) =>
            {
                await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(BlobCreatedEvent.For(client, blob).ToJsonString()), cancellationToken: ct);
                var done = Interlocked.Increment(ref sent);
                progress?.Report(new BackfillProgress(done + Volatile.Read(ref unrouted), null, done, Volatile.Read(ref unrouted), []));
            });
        }
        return new BackfillSummary($"{container}/{prefix}: events sent to {queue.Name}", sent, unrouted, []);
    }
}
