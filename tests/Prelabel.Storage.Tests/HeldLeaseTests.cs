using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

/// <summary>Leases as Azurite keeps time: the shortest one Blob storage grants, 15 s, so expiry shows within a test.</summary>
public sealed class HeldLeaseTests(Azurite azurite) : IClassFixture<Azurite>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_held_lease_outlives_its_duration_keeps_others_out_and_frees_the_blob_when_disposed()
    {
        var blob = await BlobAsync();
        var held = await HeldLease.TryAcquireAsync(blob, Shortest);
        Assert.NotNull(held);

        await Task.Delay(Shortest + TimeSpan.FromSeconds(5));
        var meanwhile = await HeldLease.TryAcquireAsync(blob, Shortest);
        await held.DisposeAsync();
        await using var after = await HeldLease.TryAcquireAsync(blob, Shortest);

        Assert.Null(meanwhile);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task The_lease_of_a_holder_that_died_expires_and_a_waiting_acquire_takes_the_blob_over()
    {
        var blob = await BlobAsync();
        // A holder that died: its lease is never renewed nor released.
        await blob.GetBlobLeaseClient().AcquireAsync(Shortest);
        var clock = Stopwatch.StartNew();

        var refused = await HeldLease.TryAcquireAsync(blob, Shortest);
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var taken = await HeldLease.AcquireAsync(blob, TimeSpan.FromMilliseconds(500), cancellationToken: cap.Token);

        Assert.Null(refused);
        Assert.True(clock.Elapsed > Shortest - TimeSpan.FromSeconds(2), $"taken over after {clock.Elapsed}, before the dead holder's lease ran out");
        Assert.False(string.IsNullOrEmpty(taken.LeaseId));
    }

    private async Task<BlobClient> BlobAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"lease-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var blob = container.GetBlobClient("lock");
        await blob.UploadAsync(BinaryData.Empty);
        return blob;
    }
}
