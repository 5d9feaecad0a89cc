using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Prelabel.Importer;
using Prelabel.Storage;

namespace Prelabel.Host.Storage;

/// <summary>
/// Azurite has no Event Grid: locally, this lists the containers IMPORT_ROUTES names every couple of seconds and
/// sends the BlobCreated event Event Grid would send (base64 JSON, as Event Grid writes it) for every blob it has not
/// seen yet. At start every blob is new to it, so uploads made while nothing ran are caught up; the ledger turns the
/// ones already imported into no-ops.
/// </summary>
public sealed class ContainerWatcher(BlobServiceClient blobs, QueueClient queue, ImportRoutes routes, ILogger<ContainerWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, ETag> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = routes.All.GroupBy(r => r.Container).Select(g => (Container: blobs.GetBlobContainerClient(g.Key), Prefixes: g.Select(r => r.Prefix).Distinct().ToArray(),
            Created: new CreatedOnce(blobs.GetBlobContainerClient(g.Key)))).ToArray();
        var queueCreated = new CreatedOnce(queue);
        logger.LogInformation("Watching {Containers} for uploads (local stand-in for Event Grid)", string.Join(", ", watched.Select(w => w.Container.Name)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queueCreated.EnsureAsync(stoppingToken);
                foreach (var (container, prefixes, created) in watched)
                {
                    await created.EnsureAsync(stoppingToken);
                    await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions(), stoppingToken))
                    {
                        if (!prefixes.Any(p => blob.Name.StartsWith(p, StringComparison.Ordinal))) continue;
                        var key = $"{container.Name}/{blob.Name}";
                        if (_seen.TryGetValue(key, out var etag) && etag == blob.Properties.ETag) continue;
                        await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(BlobCreatedEvent.For(container, blob).ToJsonString()), cancellationToken: stoppingToken);
                        _seen[key] = blob.Properties.ETag ?? default;
                    }
                }
                await Task.Delay(Every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (StorageFailure.Is(e, stoppingToken) || e is HttpRequestException)
            {
                logger.LogError("Watching for uploads failed, trying again in 5 s: {Reason}", StorageFailure.Describe(e));
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
