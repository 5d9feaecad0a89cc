using System.Net;
using System.Net.Sockets;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests
{
    [Fact]
    public async Task Rate_limited_request_waits_for_retry_after_and_is_repeated()
    {
        _server.Faults.FailNext(ProjectPath, 2, 429, retryAfter: TimeSpan.FromSeconds(1));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var project = await Client().GetProjectAsync(ProjectId);

        Assert.Equal(ProjectId, project.Id);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], _delays);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.9), $"waited {started.Elapsed}");
        Assert.Equal(3, _server.Requests.Count(ProjectPath));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_back_off()
    {
        AddTasks(3);
        _server.Faults.FailNext(TasksPath, 3, 503);

        var ids = await Ids(Client(api: o => o.RetryDelay = TimeSpan.FromMilliseconds(100)).ListTasksAsync(ProjectId));

        Assert.Equal([1, 2, 3], ids);
        Assert.Equal(4, _server.Requests.Count(TasksPath));
        // Jittered exponential back-off: the wait before retry n (from 0) lies between 0 and 100 ms * 2^(n+1).
        Assert.Equal(3, _delays.Count);
        Assert.All(_delays.Select((delay, n) => (delay, n)), d => Assert.InRange(d.delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(100 * Math.Pow(2, d.n + 1))));
    }

    [Fact]
    public async Task Persistent_server_error_gives_up_after_the_retries_with_a_clear_message()
    {
        _server.Faults.FailNext(ProjectPath, 100, 500);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client(api: o => o.MaxRetries = 2).GetProjectAsync(ProjectId));

        Assert.Equal(500, error.Status);
        Assert.Contains("500 from Label Studio reading project 7", error.Message);
        Assert.Contains("failed 3 times in a row", error.Message);
        Assert.Contains("check its logs", error.Message);
        Assert.Equal(3, _server.Requests.Count(ProjectPath));
        Assert.Equal(2, _delays.Count);
    }

    [Fact]
    public async Task Retry_after_longer_than_allowed_gives_up_at_once()
    {
        _server.Faults.FailNext(ProjectPath, 1, 429, retryAfter: TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().GetProjectAsync(ProjectId));

        Assert.Equal(429, error.Status);
        Assert.Contains("asked to wait 600 s", error.Message);
        Assert.Empty(_delays);
        Assert.Equal(1, _server.Requests.Count(ProjectPath));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        _server.Faults.FailNext(ProjectPath, 1, 400);

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => Client().GetProjectAsync(ProjectId));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, _server.Requests.Count(ProjectPath));
    }

    [Fact]
    public async Task Slow_request_times_out_after_the_configured_time()
    {
        _server.Faults.Delay(ProjectPath, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(api: o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).GetProjectAsync(ProjectId));

        Assert.Equal(0, error.Status);
        Assert.Contains("did not answer reading project 7 within 0.3 s", error.Message);
    }

    [Fact]
    public async Task Caller_cancellation_of_a_project_read_is_not_reported_as_a_failure()
    {
        _server.Faults.Delay(ProjectPath, TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetProjectAsync(ProjectId, cancel.Token));
    }

    [Fact]
    public async Task Caller_cancellation_stops_task_listing_between_pages()
    {
        AddTasks(4);
        using var cancel = new CancellationTokenSource();
        var seen = new List<long>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var task in Client(pageSize: 2).ListTasksAsync(ProjectId, cancel.Token))
            {
                seen.Add(task.Id);
                cancel.Cancel();
            }
        });

        Assert.Equal([1, 2], seen);
        Assert.Equal(1, _server.Requests.Count(TasksPath));
    }

    [Fact]
    public async Task Closed_port_gives_a_connection_message_naming_label_studio_url()
    {
        var port = ClosedPort.Find();

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(
            () => Client(o => o.Url = $"http://127.0.0.1:{port}").GetProjectAsync(ProjectId));

        Assert.Contains("nothing accepted the connection", error.Message);
        Assert.Contains($"LABEL_STUDIO_URL=http://127.0.0.1:{port}", error.Message);
    }
}
