using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class TaskMediaClientTests
{
    [Theory]
    [InlineData("upload/3/a.jpg")]
    [InlineData("/upload/3/a.jpg")]
    [InlineData("/data/upload/3/a.jpg")]
    public async Task Upload_paths_are_downloaded_from_label_studio_with_the_legacy_token(string uri)
    {
        _server.AddUpload(3, "a.jpg", Jpeg);

        var bytes = await Client().DownloadAsync(uri, 1);

        Assert.Equal(Jpeg, bytes);
        Assert.Equal("Token", Assert.Single(_server.Requests.To("/data/upload/3/a.jpg")).AuthorizationScheme);
    }

    [Fact]
    public async Task Upload_with_a_personal_access_token_uses_a_refreshed_bearer_token()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);
        var client = Client(o => o.ApiKey = _server.PersonalAccessToken);

        await client.DownloadAsync(uri, 1);
        await client.DownloadAsync(uri, 1);

        Assert.All(_server.Requests.To(uri), r => Assert.Equal("Bearer", r.AuthorizationScheme));
        Assert.Equal(1, _server.Requests.Count("/api/token/refresh/"));
    }

    [Fact]
    public async Task Revoked_access_token_is_refreshed_once_after_a_401_and_the_download_retried()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);
        var client = Client(o => o.ApiKey = _server.PersonalAccessToken);
        await client.DownloadAsync(uri, 1);
        _server.RevokeAccessTokens();

        var bytes = await client.DownloadAsync(uri, 1);

        Assert.Equal(Jpeg, bytes);
        Assert.Equal(2, _server.Requests.Count("/api/token/refresh/"));
        Assert.Equal(3, _server.Requests.Count(uri));
    }

    [Fact]
    public async Task Local_files_are_read_from_the_document_root_without_asking_label_studio()
    {
        Directory.CreateDirectory(Path.Join(_documentRoot, "dir name"));
        await File.WriteAllBytesAsync(Path.Join(_documentRoot, "dir name", "a+b.jpg"), Jpeg);

        var bytes = await Client(o => o.Options.LocalFilesDocumentRoot = _documentRoot).DownloadAsync("/data/local-files/?d=dir%20name/a%2Bb.jpg", 1);

        Assert.Equal(Jpeg, bytes);
        Assert.Empty(_server.Requests.All);
    }

    [Fact]
    public async Task Local_files_missing_on_disk_are_downloaded_from_label_studio()
    {
        var uri = _server.AddLocalFile("dir/a.jpg", Jpeg);

        var bytes = await Client(o => o.Options.LocalFilesDocumentRoot = _documentRoot).DownloadAsync(uri, 1);

        Assert.Equal(Jpeg, bytes);
        Assert.Equal("Token", Assert.Single(_server.Requests.To("/data/local-files/")).AuthorizationScheme);
    }

    [Theory]
    [InlineData("azure-blob", "images", "cam1/0001.jpg")]
    [InlineData("s3", "bucket", "a b/c.jpg")]
    [InlineData("gs", "bucket", "x.png")]
    public async Task Cloud_uri_is_resolved_through_label_studio_and_redirect_drops_auth(string scheme, string bucket, string key)
    {
        var uri = $"{scheme}://{bucket}/{key}";
        _server.AddTask(7);
        _server.AddStorage(scheme, bucket);
        _server.AddBlob(uri, Jpeg);

        var bytes = await Client(AllowBlobStore).DownloadAsync(uri, 7);

        Assert.Equal(Jpeg, bytes);
        Assert.Equal("Token", Assert.Single(_server.Requests.To("/tasks/7/resolve/")).AuthorizationScheme);
        Assert.Null(Assert.Single(BlobStoreRequests).AuthorizationScheme);
    }

    [Fact]
    public async Task Cloud_storage_without_presign_is_streamed_by_label_studio()
    {
        _server.AddTask(7);
        _server.AddStorage("s3", "bucket", presign: false);
        _server.AddBlob("s3://bucket/a.jpg", Jpeg);

        var bytes = await Client().DownloadAsync("s3://bucket/a.jpg", 7);

        Assert.Equal(Jpeg, bytes);
        Assert.Empty(BlobStoreRequests);
    }

    [Fact]
    public async Task Absolute_url_on_the_label_studio_origin_gets_the_auth_header()
    {
        var path = _server.AddUpload(3, "a.jpg", Jpeg);

        await Client().DownloadAsync(_server.BaseUrl + path, null);

        Assert.Equal("Token", Assert.Single(_server.Requests.To(path)).AuthorizationScheme);
    }

    [Fact]
    public async Task Absolute_url_on_another_origin_gets_no_auth_header()
    {
        var url = _server.AddPublicFile("a.jpg", Jpeg);

        var bytes = await Client(AllowBlobStore).DownloadAsync(url, null);

        Assert.Equal(Jpeg, bytes);
        Assert.Null(Assert.Single(BlobStoreRequests).AuthorizationScheme);
    }
}
