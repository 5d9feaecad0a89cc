using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class BlobLeaseClientTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly BlobServiceClient _service = StorageConnection.Parse(azurite.ConnectionString).CreateBlobServiceClient();

    [Fact]
    public async Task A_leased_blob_takes_writes_only_with_its_lease_id_until_released()
    {
        var blob = await NewBlobAsync();
        var lease = await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));

        var withoutLease = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("intruder")));
        await blob.UploadAsync(BinaryData.FromString("owner"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } });
        await blob.GetBlobLeaseClient(lease.LeaseId).ReleaseAsync();
        await blob.UploadAsync(BinaryData.FromString("anyone"));

        Assert.Equal(412, withoutLease.Status);
        Assert.Equal(StorageErrorCode.LeaseIdMissing, withoutLease.ErrorCode);
        Assert.Equal("anyone", (await blob.DownloadStreamingAsync(100)).Content.ReadAllText());
    }

    [Fact]
    public async Task Delete_and_set_metadata_on_a_leased_blob_need_the_lease_id()
    {
        var blob = await NewBlobAsync();
        var leaseClient = blob.GetBlobLeaseClient();
        await leaseClient.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        var withLease = new BlobRequestConditions { LeaseId = leaseClient.LeaseId };

        var metadataWithout = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.SetMetadataAsync(new Dictionary<string, string> { ["a"] = "1" }));
        var deleteWithout = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync());
        await blob.SetMetadataAsync(new Dictionary<string, string> { ["a"] = "1" }, withLease);
        await blob.DeleteAsync(withLease);

        Assert.Equal(StorageErrorCode.LeaseIdMissing, metadataWithout.ErrorCode);
        Assert.Equal(StorageErrorCode.LeaseIdMissing, deleteWithout.ErrorCode);
        Assert.False(await blob.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task A_second_lease_is_refused_with_409_while_the_first_is_active_and_renew_keeps_the_id()
    {
        var blob = await NewBlobAsync();
        var first = blob.GetBlobLeaseClient();
        var acquired = await first.AcquireAsync(TimeSpan.FromSeconds(60));

        var second = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));
        var renewed = await first.RenewAsync();

        Assert.Equal(first.LeaseId, acquired.LeaseId);
        Assert.Equal(acquired.LeaseId, renewed.LeaseId);
        Assert.True(second.IsConflict);
        Assert.Equal(StorageErrorCode.LeaseAlreadyPresent, second.ErrorCode);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    [InlineData(0)]
    [InlineData(15.5)]
    public async Task A_lease_duration_outside_15_to_60_seconds_is_refused_before_sending(double seconds)
    {
        var blob = await NewBlobAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(seconds)));
        await blob.UploadAsync(BinaryData.FromString("still unleased"));
    }

    private async Task<BlobClient> NewBlobAsync()
    {
        var container = _service.GetBlobContainerClient($"lease-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("locked.json");
        await blob.UploadAsync(BinaryData.FromString("{}"));
        return blob;
    }
}
