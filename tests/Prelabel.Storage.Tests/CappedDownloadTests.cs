using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class CappedDownloadTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task A_blob_at_the_cap_is_read_whole_and_one_byte_over_is_refused_before_its_body_is_read()
    {
        var container = await ContainerAsync();
        var bytes = new byte[100_000];
        Random.Shared.NextBytes(bytes);
        var blob = container.GetBlobClient("photo.jpg");
        await blob.UploadAsync(new BinaryData(bytes));

        var (content, details) = await blob.DownloadCappedAsync(bytes.Length);
        var tooLarge = await Assert.ThrowsAsync<BlobTooLargeException>(() => blob.DownloadCappedAsync(bytes.Length - 1));
        using var opened = await blob.OpenCappedAsync(bytes.Length);

        Assert.Equal(bytes, content);
        Assert.Equal(bytes.Length, details.ContentLength);
        Assert.Equal((bytes.Length - 1, (long)bytes.Length, "photo.jpg"), (tooLarge.MaxLength, tooLarge.Length, tooLarge.BlobName));
        Assert.Equal(bytes.Length, opened.Details.ContentLength);
    }

    [Fact]
    public async Task An_empty_blob_reads_as_no_bytes_and_a_missing_one_fails_with_BlobNotFound()
    {
        var container = await ContainerAsync();
        await container.GetBlobClient("empty").UploadAsync(BinaryData.Empty);

        var (empty, _) = await container.GetBlobClient("empty").DownloadCappedAsync(10);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("missing").DownloadCappedAsync(10));

        Assert.Empty(empty);
        Assert.Equal(BlobErrorCode.BlobNotFound.ToString(), missing.ErrorCode);
    }

    private async Task<BlobContainerClient> ContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"capped-{Guid.NewGuid():N}");
        await container.CreateAsync();
        return container;
    }
}
