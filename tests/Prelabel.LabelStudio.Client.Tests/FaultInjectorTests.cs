using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>The test server's faults for non-idempotent calls: dropped answers after the commit, and seeded chaos.</summary>
public sealed class FaultInjectorTests : IAsyncLifetime
{
    private const string ImportPath = "/api/projects/7/import";
    private readonly LabelStudioTestServer _server = new();
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _server.AddProject(7, "Pets", "<View><Image name=\"image\" value=\"$image\"/></View>");
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _server.LegacyToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Dropped_answer_closes_the_connection_after_the_task_was_created_then_answers_again()
    {
        _server.Faults.DropConnectionAfterCommit(ImportPath, 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => ImportAsync("a.jpg"));
        var next = await ImportAsync("b.jpg");

        Assert.Equal(HttpStatusCode.Created, next);
        Assert.Equal(["a.jpg", "b.jpg"], _server.TasksOf(7).Select(t => (string?)t.Data["image"]));
    }

    [Fact]
    public async Task Chaos_with_the_same_seed_faults_the_same_requests_in_the_same_way()
    {
        var first = await StatusesAsync(seed: 7);
        _server.Faults.Clear();
        var second = await StatusesAsync(seed: 7);
        _server.Faults.Clear();
        var other = await StatusesAsync(seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
    }

    [Fact]
    public async Task Chaos_counts_every_fault_it_injects_under_concurrent_requests()
    {
        var stats = _server.Faults.Chaos(ImportPath, seed: 3, failureRate: 0.5, faults: ChaosFault.ServerError | ChaosFault.RateLimit);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => ImportAsync($"{i}.jpg")));

        Assert.Equal(200, stats.Requests);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.InternalServerError), stats.ServerErrors);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.TooManyRequests), stats.RateLimits);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created), _server.TaskCount(7));
        Assert.Equal(200 - stats.Faults, _server.TaskCount(7));
        Assert.InRange(stats.Faults, 70, 130);
    }

    [Fact]
    public async Task Chaos_delay_that_outlasts_the_client_does_nothing_once_the_client_gave_up()
    {
        // A timeout well above a cold server's first answer, so the request surely reaches the fault before the client gives up.
        var stats = _server.Faults.Chaos(ImportPath, seed: 1, failureRate: 1, delay: TimeSpan.FromSeconds(2), faults: ChaosFault.Delay);
        using var impatient = new HttpClient { BaseAddress = new Uri(_server.BaseUrl), Timeout = TimeSpan.FromSeconds(1) };
        impatient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _server.LegacyToken);

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync(ImportPath, Json("a.jpg")));
        // Proving that nothing happens later needs a wait past the server's delay.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(1, stats.Delays);
        Assert.Equal(0, _server.TaskCount(7));
    }

    [Fact]
    public async Task Chaos_rate_limits_ask_to_wait_one_second()
    {
        _server.Faults.Chaos(ImportPath, seed: 1, failureRate: 1, faults: ChaosFault.RateLimit);

        using var response = await _http.PostAsync(ImportPath, Json("a.jpg"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    private async Task<HttpStatusCode[]> StatusesAsync(int seed)
    {
        _server.Faults.Chaos(ImportPath, seed, failureRate: 0.5, faults: ChaosFault.ServerError | ChaosFault.RateLimit);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add(await ImportAsync($"{seed}-{i}.jpg"));
        }

        return [.. statuses];
    }

    private async Task<HttpStatusCode> ImportAsync(string image)
    {
        using var response = await _http.PostAsync(ImportPath, Json(image));
        return response.StatusCode;
    }

    private static StringContent Json(string image) => new($$$"""[{"data": {"image": "{{{image}}}"}}]""", Encoding.UTF8, "application/json");
}
