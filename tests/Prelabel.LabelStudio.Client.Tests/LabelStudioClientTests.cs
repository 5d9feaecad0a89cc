using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>What the one pipeline under both sub-clients gives: one token, the circuit breaker, retries of connections never made.</summary>
public sealed class LabelStudioClientTests : IAsyncLifetime
{
    private const long ProjectId = 7;
    private const string RefreshPath = "/api/token/refresh/";
    private static readonly string ProjectPath = $"/api/projects/{ProjectId}/";
    private readonly LabelStudioTestServer _server = new();

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _server.AddProject(ProjectId, "Cars", "<View><Image name=\"image\" value=\"$image\"/><Choices name=\"c\" toName=\"image\"><Choice value=\"a\"/></Choices></View>");
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Api_and_media_share_one_personal_access_token_refreshed_once()
    {
        var uri = _server.AddUpload((int)ProjectId, "a.jpg", Encoding.ASCII.GetBytes("jpeg"));
        using var client = Create(_server.PersonalAccessToken);

        await client.Api.GetProjectAsync(ProjectId);
        await client.Media.DownloadAsync(uri, 1);
        await client.Api.GetProjectAsync(ProjectId);

        Assert.Equal(1, _server.Requests.Count(RefreshPath));
    }

    [Fact]
    public async Task Dead_label_studio_opens_the_circuit_so_calls_fail_at_once_then_it_closes_when_label_studio_answers()
    {
        _server.Faults.FailNext(ProjectPath, 6, 503);
        using var client = Create(_server.LegacyToken, o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 5;
            o.CircuitBreakDuration = TimeSpan.FromSeconds(1);
        });

        for (var call = 0; call < 5; call++)
        {
            var failed = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.Api.GetProjectAsync(ProjectId));
            Assert.Equal(503, failed.Status);
        }

        var open = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.Api.GetProjectAsync(ProjectId));
        var media = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.Media.DownloadAsync("/data/upload/7/a.jpg", 1));

        Assert.Equal((0, true), (open.Status, open.IsTransient));
        Assert.Contains("failed most recent calls, so reading project 7 was not sent", open.Message);
        Assert.NotNull(open.RetryAfter);
        Assert.Contains("not asked again", media.Message);
        Assert.Equal(5, _server.Requests.Count(ProjectPath));

        // After the break one call probes; the server's sixth failure keeps the circuit open, the next success closes it.
        var project = await EventuallyAsync(() => client.Api.GetProjectAsync(ProjectId));
        Assert.Equal(ProjectId, project.Id);
        Assert.Equal(ProjectId, (await client.Api.GetProjectAsync(ProjectId)).Id);
    }

    [Fact]
    public async Task Media_hosts_other_than_label_studio_do_not_open_its_circuit()
    {
        var closedPort = ClosedPort.Find();
        using var client = Create(_server.LegacyToken, o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 2;
            o.AllowedHosts = [$"127.0.0.1:{closedPort}"];
        });

        for (var call = 0; call < 4; call++)
        {
            await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.Media.DownloadAsync($"http://127.0.0.1:{closedPort}/a.jpg", null));
        }

        Assert.Equal(ProjectId, (await client.Api.GetProjectAsync(ProjectId)).Id);
    }

    [Fact]
    public async Task Import_whose_connection_was_never_made_is_sent_again_and_creates_the_task_once()
    {
        using var transport = new RefuseFirstConnection();
        using var client = Create(_server.LegacyToken, o => o.Transport = transport);
        var task = new JsonObject { ["data"] = new JsonObject { ["image"] = "azure-blob://images/a.jpg" } };

        var ids = await client.Api.ImportTasksAsync(ProjectId, new JsonArray(task));

        Assert.Single(ids);
        Assert.Equal(1, transport.Refused);
        Assert.Equal(1, _server.TaskCount(ProjectId));
    }

    [Fact]
    public async Task Read_past_its_total_time_fails_as_a_timeout_without_further_retries()
    {
        _server.Faults.Delay(ProjectPath, TimeSpan.FromMinutes(1));
        using var client = Create(_server.LegacyToken, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.TotalTimeout = TimeSpan.FromMilliseconds(1500);
            o.MaxRetries = 10;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
        });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LabelStudioRequestFailedException>(() => client.Api.GetProjectAsync(ProjectId));

        Assert.Equal((0, true), (error.Status, error.IsTransient));
        Assert.Contains("did not answer reading project 7 within", error.Message);
        // Eleven attempts of 500 ms were allowed; the total time leaves room for at most four. No lower bound on what
        // reached the server: on a loaded machine a connection may not even be accepted within an attempt.
        Assert.InRange(_server.Requests.Count(ProjectPath), 0, 4);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_api_key_is_never_printed()
    {
        var key = new LabelStudioApiKey(_server.LegacyToken);

        Assert.DoesNotContain(_server.LegacyToken, key.ToString());
        Assert.DoesNotContain(_server.LegacyToken, $"{key}");
    }

    private LabelStudioClient Create(string apiKey, Action<LabelStudioClientOptions>? configure = null)
    {
        var options = new LabelStudioClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) };
        configure?.Invoke(options);
        return new LabelStudioClient(new Uri(_server.BaseUrl), new LabelStudioApiKey(apiKey), options);
    }

    /// <summary>Tries until the circuit lets a call through and it succeeds, within a generous cap.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (LabelStudioRequestFailedException) when (started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The real transport, except that the first connection is refused as a closed port refuses it.</summary>
    private sealed class RefuseFirstConnection() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        private int _refused;

        public int Refused => _refused;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.CompareExchange(ref _refused, 1, 0) == 0
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused))
                : base.SendAsync(request, cancellationToken);
    }
}
