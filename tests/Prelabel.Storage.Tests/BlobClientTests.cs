using System.Text;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class BlobClientTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly BlobServiceClient _service = StorageConnection.Parse(azurite.ConnectionString).CreateBlobServiceClient();

    [Fact]
    public async Task Upload_then_download_returns_the_bytes_content_type_and_metadata()
    {
        var blob = await NewBlobAsync("photos/page 1 ü.png");
        var metadata = new Dictionary<string, string> { ["source"] = "scanner", ["Pages"] = "3" };

        var uploaded = await blob.UploadAsync(BinaryData.FromString("hello, blob"), new BlobUploadOptions { ContentType = "image/png", Metadata = metadata });
        using var download = await blob.DownloadStreamingAsync(maxLength: 1024);
        using var reader = new StreamReader(download.Content);

        Assert.Equal("hello, blob", await reader.ReadToEndAsync());
        Assert.Equal("image/png", download.Details.ContentType);
        Assert.Equal(11, download.Details.ContentLength);
        Assert.Equal(uploaded.ETag, download.Details.ETag);
        Assert.Equal("scanner", download.Details.Metadata["source"]);
        Assert.Equal("3", download.Details.Metadata["pages"]);
    }

    [Fact]
    public async Task Get_properties_returns_etag_length_type_last_modified_and_metadata()
    {
        var blob = await NewBlobAsync("a.json");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var uploaded = await blob.UploadAsync(new MemoryStream("{}"u8.ToArray()), new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["task"] = "42" },
        });

        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(uploaded.ETag, properties.ETag);
        Assert.Equal(2, properties.ContentLength);
        Assert.Equal("application/json", properties.ContentType);
        Assert.InRange(properties.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(new Dictionary<string, string> { ["task"] = "42" }, properties.Metadata);
    }

    [Fact]
    public async Task Upload_if_not_exists_onto_an_existing_blob_fails_with_409_BlobAlreadyExists_and_leaves_it()
    {
        var blob = await NewBlobAsync("once.txt");
        await blob.UploadAsync(BinaryData.FromString("first"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() });

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("second"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }));

        Assert.Equal(409, failure.Status);
        Assert.True(failure.IsConflict);
        Assert.Equal(StorageErrorCode.BlobAlreadyExists, failure.ErrorCode);
        Assert.Equal("first", await ReadAsync(blob));
    }

    [Fact]
    public async Task Upload_if_match_with_a_stale_etag_fails_with_412_ConditionNotMet_and_the_current_etag_succeeds()
    {
        var blob = await NewBlobAsync("state.json");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        var second = await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfMatches(first.ETag) });

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("v3 from a stale reader"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfMatches(first.ETag) }));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(412, failure.Status);
        Assert.True(failure.IsPreconditionFailed);
        Assert.Equal(StorageErrorCode.ConditionNotMet, failure.ErrorCode);
        Assert.Equal("v2", await ReadAsync(blob));
    }

    [Fact]
    public async Task Download_refuses_a_blob_larger_than_the_cap_and_reads_one_at_the_cap()
    {
        var blob = await NewBlobAsync("kilobyte.bin");
        var bytes = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();
        await blob.UploadAsync(BinaryData.FromBytes(bytes));

        var refused = await Assert.ThrowsAsync<BlobTooLargeException>(() => blob.DownloadStreamingAsync(maxLength: 1023));
        using var download = await blob.DownloadStreamingAsync(maxLength: 1024);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);

        Assert.Equal(1024, refused.Length);
        Assert.Equal(1023, refused.MaxLength);
        Assert.Contains("kilobyte.bin", refused.Message);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_missing_blob_fails_with_404_BlobNotFound_on_download_properties_and_delete()
    {
        var blob = await NewBlobAsync("missing.png");

        var download = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DownloadStreamingAsync(100));
        var properties = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync());
        var delete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync());

        Assert.All([download, properties, delete], failure =>
        {
            Assert.True(failure.IsNotFound);
            Assert.Equal(StorageErrorCode.BlobNotFound, failure.ErrorCode);
        });
        Assert.False(await blob.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task Set_metadata_replaces_it_and_returns_the_new_etag_and_a_stale_etag_is_refused()
    {
        var blob = await NewBlobAsync("meta.txt");
        var uploaded = await blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["old"] = "1" } });

        var updated = await blob.SetMetadataAsync(new Dictionary<string, string> { ["status"] = "done" }, BlobRequestConditions.IfMatches(uploaded.ETag));
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.SetMetadataAsync(new Dictionary<string, string> { ["status"] = "again" }, BlobRequestConditions.IfMatches(uploaded.ETag)));
        var properties = await blob.GetPropertiesAsync();

        Assert.NotEqual(uploaded.ETag, updated.ETag);
        Assert.Equal(updated.ETag, properties.ETag);
        Assert.Equal(new Dictionary<string, string> { ["status"] = "done" }, properties.Metadata);
        Assert.Equal(StorageErrorCode.ConditionNotMet, stale.ErrorCode);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_refused_and_with_the_current_one_removes_the_blob()
    {
        var blob = await NewBlobAsync("delete-me.txt");
        var first = await blob.UploadAsync(BinaryData.FromString("1"));
        var second = await blob.UploadAsync(BinaryData.FromString("2"));

        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync(BlobRequestConditions.IfMatches(first.ETag)));
        await blob.DeleteAsync(BlobRequestConditions.IfMatches(second.ETag));

        Assert.Equal(412, stale.Status);
        Assert.True((await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync())).IsNotFound);
    }

    [Fact]
    public async Task Metadata_that_http_cannot_carry_is_refused_before_sending()
    {
        var blob = await NewBlobAsync("bad-meta.txt");

        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["has-dash"] = "1" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["name"] = "é" } }));
        Assert.False(await blob.DeleteIfExistsAsync());
    }

    private async Task<BlobClient> NewBlobAsync(string name)
    {
        var container = _service.GetBlobContainerClient($"blobs-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        return container.GetBlobClient(name);
    }

    private static async Task<string> ReadAsync(BlobClient blob)
    {
        using var download = await blob.DownloadStreamingAsync(maxLength: 1 << 20);
        using var reader = new StreamReader(download.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
