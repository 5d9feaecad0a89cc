using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>
/// The hostile-input corpus against the real server over HTTP on 127.0.0.1: each case gets its status and a JSON reason
/// that names what was wrong, in bounded time, with no file, canary or token content in the answer, no connection to a
/// refused address, /health still answering, and the process's peak memory under a gigabyte.
/// </summary>
public sealed class HostileInputTests(HostileServers servers, ITestOutputHelper output) : IClassFixture<HostileServers>
{
    /// <summary>Generous on a loaded machine; the slow cases end at MEDIA_TIMEOUT_SECONDS (3 s).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private const long MemoryBound = 1024L * 1024 * 1024;

    public static TheoryData<string> Names() => HostileCorpus.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_request_gets_its_status_and_reason_in_bounded_time_and_memory(string name)
    {
        var hostile = HostileCorpus.All[name];
        using var request = hostile.Request(servers);
        var path = request.RequestUri!.OriginalString;

        var clock = Stopwatch.StartNew();
        using var response = await servers.Backend.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();

        Assert.True((int)response.StatusCode == hostile.Status, $"{name}: expected {hostile.Status}, got {(int)response.StatusCode} {text}");
        Assert.True(clock.Elapsed < Bound, $"{name} took {clock.Elapsed.TotalSeconds:0.0} s");
        var body = JsonNode.Parse(text);
        if (hostile.Status >= 400)
        {
            var detail = JsonHttp.AssertError((HttpStatusCode)hostile.Status, response.StatusCode, body);
            foreach (var word in hostile.Reason)
                Assert.True(detail.Contains(word, StringComparison.OrdinalIgnoreCase), $"{name}: the reason does not say \"{word}\": {detail}");
        }
        else if (path == "/predict")
        {
            Assert.Single(body!["results"]!.AsArray());
        }

        Assert.DoesNotContain(HostileServers.Canary, text);
        Assert.DoesNotContain(HostileServers.Token, text);
        Assert.DoesNotContain("root:x:0", text);
        Assert.Empty(servers.Target.Requests);
        using var health = await servers.Backend.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var peak = servers.PeakResidentBytes();
        output.WriteLine($"{name}: {(int)response.StatusCode} in {clock.Elapsed.TotalMilliseconds:0} ms; peak resident memory so far {peak / (1024 * 1024)} MiB");
        Assert.True(peak <= MemoryBound, $"after {name} the peak resident memory is {peak / (1024 * 1024)} MiB");
    }

    [Fact]
    public void The_corpus_has_at_least_150_cases_of_every_kind()
    {
        Assert.True(HostileCorpus.All.Count >= 150, $"{HostileCorpus.All.Count} cases");
        foreach (var kind in new[] { "body/", "predict-", "config-", "url-", "redirect-", "server-", "drawn-", "image-" })
            Assert.Contains(HostileCorpus.All.Keys, k => k.StartsWith(kind, StringComparison.Ordinal));
    }
}
