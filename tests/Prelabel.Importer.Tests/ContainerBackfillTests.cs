using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Prelabel.Importer.Backfill;
using Prelabel.Testing;

namespace Prelabel.Importer.Tests;

public sealed class ContainerBackfillTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task More_blobs_than_one_listing_page_holds_each_become_one_event_when_routed()
    {
        // Blob storage lists at most 5,000 blobs a page: 5,020 routed ones cross the continuation.
        const int Routed = 5_020, Unrouted = 30;
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"old-{Guid.NewGuid():N}"[..20]);
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient($"events-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var names = Enumerable.Range(0, Routed).Select(i => $"cam1/{i:D5}.png").Concat(Enumerable.Range(0, Unrouted).Select(i => $"cam2/{i:D5}.png")).ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (name, ct) => await container.GetBlobClient(name).UploadAsync(BinaryData.FromString("x"), ct));
        var backfill = new ContainerBackfill(new BlobServiceClient(azurite.ConnectionString), queue, ImportRoutes.Parse($"{container.Name}/cam1/=5"));

        var summary = await backfill.EnqueueAsync(container.Name, "", null, CancellationToken.None);

        Assert.Equal((Routed, Unrouted), (summary.Succeeded, summary.Skipped));
        Assert.Equal(Routed, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var sample = BlobCreatedEvent.Parse((await queue.PeekMessageAsync()).Value.MessageText, out var invalid);
        Assert.True(sample is not null, invalid);
        Assert.Equal(container.Name, sample.Container);
        Assert.StartsWith("cam1/", sample.BlobName);
        Assert.NotNull(sample.ETag);
        Assert.Equal(1, sample.ContentLength);
    }
}
