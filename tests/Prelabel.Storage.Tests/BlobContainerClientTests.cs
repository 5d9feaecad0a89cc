using Azure.Core;
using Azure.Core.Pipeline;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class BlobContainerClientTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly StorageConnection _connection = StorageConnection.Parse(azurite.ConnectionString);

    [Fact]
    public async Task Create_if_not_exists_creates_once_then_reports_it_exists()
    {
        var container = _connection.CreateBlobServiceClient().GetBlobContainerClient($"create-{Guid.NewGuid():N}");

        Assert.True(await container.CreateIfNotExistsAsync());
        Assert.False(await container.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Listing_by_prefix_follows_the_continuation_across_pages()
    {
        var requests = new CountingPolicy();
        var options = new StorageClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var container = _connection.CreateBlobServiceClient(options).GetBlobContainerClient($"list-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        var names = new[] { "tasks/5.json", "tasks/1.json", "tasks/3.json", "tasks/2.json", "tasks/4.json" };
        var uploaded = new Dictionary<string, BlobInfo>();
        foreach (var name in names)
        {
            uploaded[name] = await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name), new BlobUploadOptions { ContentType = "application/json" });
        }

        await container.GetBlobClient("images/a.png").UploadAsync(BinaryData.FromString("not a task"));
        await container.GetBlobClient("tasks.txt").UploadAsync(BinaryData.FromString("not under tasks/"));
        requests.Count = 0;

        var listed = await container.GetBlobsAsync(prefix: "tasks/", pageSizeHint: 2).ToListAsync();

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(b => b.Name));
        Assert.Equal(3, requests.Count);
        Assert.All(listed, blob =>
        {
            Assert.Equal(uploaded[blob.Name].ETag, blob.ETag);
            Assert.Equal(blob.Name.Length, blob.ContentLength);
            Assert.Equal("application/json", blob.ContentType);
            Assert.Equal(uploaded[blob.Name].LastModified, blob.LastModified);
        });
    }

    [Fact]
    public async Task Listing_without_a_prefix_returns_every_blob()
    {
        var container = _connection.CreateBlobServiceClient().GetBlobContainerClient($"all-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("b").UploadAsync(BinaryData.FromString("b"));
        await container.GetBlobClient("a/c").UploadAsync(BinaryData.FromString("c"));

        var listed = await container.GetBlobsAsync().Select(b => b.Name).ToListAsync();

        Assert.Equal(["a/c", "b"], listed);
    }

    [Fact]
    public async Task Listing_a_missing_container_fails_with_404_ContainerNotFound()
    {
        var container = _connection.CreateBlobServiceClient().GetBlobContainerClient($"absent-{Guid.NewGuid():N}");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(async () => await container.GetBlobsAsync().ToListAsync());

        Assert.True(failure.IsNotFound);
        Assert.Equal(StorageErrorCode.ContainerNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_with_403()
    {
        var wrongKey = new StorageSharedKeyCredential(Azurite.AccountName, Convert.ToBase64String(new byte[64]));
        var container = new BlobServiceClient(azurite.BlobEndpoint, wrongKey).GetBlobContainerClient($"key-{Guid.NewGuid():N}");

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.CreateIfNotExistsAsync());

        Assert.Equal(403, failure.Status);

        // Azure says AuthenticationFailed for a bad signature; Azurite's Blob service says AuthorizationFailure.
        Assert.Contains(failure.ErrorCode, new[] { StorageErrorCode.AuthenticationFailed, StorageErrorCode.AuthorizationFailure });
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        public int Count { get; set; }

        public override void OnSendingRequest(HttpMessage message) => Count++;
    }
}
