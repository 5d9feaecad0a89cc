namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class TaskMediaClientTests
{
    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("%2e%2e/secret.txt")]
    [InlineData("a/%2E%2E/%2E%2E/secret.txt")]
    [InlineData("..%2Fsecret.txt")]
    public async Task Local_files_path_traversal_is_refused_without_asking_label_studio(string relative)
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Options.LocalFilesDocumentRoot = _documentRoot).DownloadAsync($"/data/local-files/?d={relative}", 1));

        Assert.Contains("traversal", error.Message);
        Assert.Empty(_server.Requests.All);
    }

    [Fact]
    public async Task Local_files_symbolic_link_out_of_the_root_is_refused()
    {
        var outside = Path.Join(Path.GetTempPath(), $"prelabel-outside-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(outside, "secret");
        try
        {
            File.CreateSymbolicLink(Path.Join(_documentRoot, "link.jpg"), outside);

            var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
                () => Client(o => o.Options.LocalFilesDocumentRoot = _documentRoot).DownloadAsync("/data/local-files/?d=link.jpg", 1));

            Assert.Contains("symbolic link", error.Message);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Link_local_metadata_address_is_refused_even_when_listed()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Options.AllowedHosts = ["169.254.169.254"]).DownloadAsync("http://169.254.169.254/latest/meta-data/", null));

        Assert.Contains("blocked: 169.254.169.254 is a link-local address", error.Message);
        Assert.Equal(0, error.Status);
    }

    [Fact]
    public async Task Loopback_host_not_in_the_allow_list_is_refused()
    {
        var url = _server.AddPublicFile("a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DownloadAsync(url, null));

        Assert.Contains("127.0.0.1 is a loopback address", error.Message);
        Assert.Contains($"MEDIA_ALLOWED_HOSTS", error.Message);
        Assert.Empty(BlobStoreRequests);
    }

    [Fact]
    public async Task Host_name_resolving_to_loopback_is_refused_at_connect_time()
    {
        var url = $"http://localhost:{_server.BlobStorePort}/public/a.jpg";
        _server.AddPublicFile("a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DownloadAsync(url, null));

        Assert.Contains("localhost resolves to", error.Message);
        Assert.Contains("loopback", error.Message);
        Assert.Empty(BlobStoreRequests);
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("localhost:{port}")]
    public async Task Loopback_host_is_allowed_when_listed(string entry)
    {
        var url = _server.AddPublicFile("a.jpg", Jpeg);
        if (entry.StartsWith("localhost", StringComparison.Ordinal))
        {
            url = url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        }

        var bytes = await Client(o => o.Options.AllowedHosts = [entry.Replace("{port}", _server.BlobStorePort.ToString())]).DownloadAsync(url, null);

        Assert.Equal(Jpeg, bytes);
    }

    [Fact]
    public async Task Cloud_redirect_to_a_host_not_in_the_allow_list_is_refused()
    {
        _server.AddTask(7);
        _server.AddStorage("s3", "bucket");
        _server.AddBlob("s3://bucket/a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DownloadAsync("s3://bucket/a.jpg", 7));

        Assert.Contains("blocked", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
        Assert.Single(_server.Requests.To("/tasks/7/resolve/"));
        Assert.Empty(BlobStoreRequests);
    }

    [Fact]
    public async Task Signature_in_a_task_url_stays_out_of_the_message()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client().DownloadAsync($"http://127.0.0.1:{_server.BlobStorePort}/public/a.jpg?sig=SECRET", null));

        Assert.DoesNotContain("SECRET", error.Message);
        Assert.Contains("SECRET", error.MediaUri);
    }
}
