using System.Net;
using System.Net.Sockets;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class TaskMediaClientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_larger_than_the_cap_is_refused(bool declareLength)
    {
        _server.Faults.ServeOversizedBody("/data/upload/3/big.jpg", 1_000_000, declareLength);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Options.MaxDownloadBytes = 100_000).DownloadAsync("/data/upload/3/big.jpg", 1));

        Assert.Contains("larger than MEDIA_MAX_BYTES=100000", error.Message);
        Assert.Contains(declareLength ? "declares 1000000 bytes" : "sent more than 100000 bytes", error.Message);
    }

    [Fact]
    public async Task Local_file_larger_than_the_cap_is_refused()
    {
        await File.WriteAllBytesAsync(Path.Join(_documentRoot, "big.jpg"), new byte[2048]);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => { o.Options.LocalFilesDocumentRoot = _documentRoot; o.Options.MaxDownloadBytes = 1024; }).DownloadAsync("/data/local-files/?d=big.jpg", 1));

        Assert.Contains("larger than MEDIA_MAX_BYTES=1024", error.Message);
    }

    [Fact]
    public async Task Slow_download_times_out_after_the_configured_time()
    {
        var uri = _server.AddUpload(3, "slow.jpg", Jpeg);
        _server.Faults.Delay(uri, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Options.DownloadTimeout = TimeSpan.FromMilliseconds(300)).DownloadAsync(uri, 1));

        Assert.Contains("timed out after 0.3 s", error.Message);
        Assert.Contains("MEDIA_TIMEOUT_SECONDS", error.Message);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        var uri = _server.AddUpload(3, "slow.jpg", Jpeg);
        _server.Faults.Delay(uri, TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().DownloadAsync(uri, 1, cancel.Token));
    }

    [Fact]
    public async Task Missing_upload_gives_404_with_the_likely_cause()
    {
        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DownloadAsync("/data/upload/3/missing.jpg", 1));

        Assert.Equal(404, error.Status);
        Assert.Contains("404 from Label Studio", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Unknown_task_or_storage_on_resolve_gives_404_naming_the_storage()
    {
        _server.AddTask(7);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().DownloadAsync("azure-blob://unknown/a.jpg", 7));

        Assert.Equal(404, error.Status);
        Assert.Contains("cloud storage", error.Message);
    }

    [Fact]
    public async Task Wrong_legacy_token_gives_401_pointing_at_the_api_key_without_leaking_it()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.ApiKey = "0123456789abcdef").DownloadAsync(uri, 1));

        Assert.Equal(401, error.Status);
        Assert.Contains("401 from Label Studio", error.Message);
        Assert.Contains("check LABEL_STUDIO_API_KEY", error.Message);
        Assert.DoesNotContain("0123456789abcdef", error.ToString());
    }

    [Fact]
    public async Task Missing_api_key_gives_401_saying_it_is_not_set()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.ApiKey = null).DownloadAsync(uri, 1));

        Assert.Contains("LABEL_STUDIO_API_KEY is not set", error.Message);
    }

    [Fact]
    public async Task User_without_project_access_gives_403()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.ApiKey = _server.NoPermissionToken).DownloadAsync(uri, 1));

        Assert.Equal(403, error.Status);
        Assert.Contains("no access to this project", error.Message);
    }

    [Fact]
    public async Task Server_error_is_retried_after_retry_after_while_the_download_time_allows()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);
        _server.Faults.FailNext(uri, 2, 503, retryAfter: TimeSpan.FromSeconds(1));

        Assert.Equal(Jpeg, await Client().DownloadAsync(uri, 1));
        Assert.Equal(3, _server.Requests.Count(uri));
    }

    [Fact]
    public async Task Server_error_whose_retry_after_passes_the_download_time_gives_500_with_the_retry_hint_at_once()
    {
        var uri = _server.AddUpload(3, "a.jpg", Jpeg);
        _server.Faults.FailNext(uri, 1, 500, retryAfter: TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(o => o.Options.DownloadTimeout = TimeSpan.FromSeconds(5)).DownloadAsync(uri, 1));

        Assert.Equal((500, true), (error.Status, error.IsTransient));
        Assert.Contains("500 from Label Studio", error.Message);
        Assert.Contains("retry after 7 s", error.Message);
        Assert.Equal(1, _server.Requests.Count(uri));
        Assert.Equal(Jpeg, await Client().DownloadAsync(uri, 1));
    }

    [Fact]
    public async Task Closed_port_gives_a_connection_message_naming_label_studio_url()
    {
        var port = ClosedPort.Find();

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Url = $"http://127.0.0.1:{port}").DownloadAsync("/data/upload/3/a.jpg", 1));

        Assert.Contains("nothing accepted the connection", error.Message);
        Assert.Contains("LABEL_STUDIO_URL", error.Message);
    }
}
