using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed partial class LabelStudioApiClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Under_chaos_every_image_ends_as_exactly_one_task_when_transient_failures_are_reconciled()
    {
        // A cold server's first import can outlast a short timeout and commit after the client gave up; warm it up first.
        _server.AddProject(ProjectId + 1, "Warm-up", LabelConfig);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Client().ImportTasksAsync(ProjectId + 1, new JsonArray(ImportTask("azure-blob://images/warm-up.jpg")));
        await Client().FindTasksByDataAsync(ProjectId + 1, "image", "azure-blob://images/warm-up.jpg");
        output.WriteLine($"Warm-up took {started.ElapsedMilliseconds} ms");
        var client = Client(pageSize: 25, api: o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        var chaos = _server.Faults.Chaos(ImportPath, seed: 2026, failureRate: 0.4, delay: TimeSpan.FromSeconds(10));
        var images = Enumerable.Range(1, 40).Select(i => $"azure-blob://images/soak/{i:000}.jpg").ToList();
        var reconciled = 0;

        foreach (var image in images)
        {
            for (var attempt = 1; ; attempt++)
            {
                Assert.True(attempt <= 10, $"{image} still not imported after 10 attempts; {chaos}");
                try
                {
                    await client.ImportTasksAsync(ProjectId, new JsonArray(ImportTask(image)));
                    break;
                }
                catch (LabelStudioRequestFailedException error) when (error.IsTransient)
                {
                    // What a caller's ledger does after a crash or an unknown outcome: look before importing again.
                    if ((await client.FindTasksByDataAsync(ProjectId, "image", image)).Count > 0)
                    {
                        reconciled++;
                        break;
                    }
                }
            }
        }

        output.WriteLine($"{chaos}; {reconciled} imports found after an unknown outcome; {_delays.Count} waits for Retry-After");
        Assert.Equal(images, _server.TasksOf(ProjectId).Select(t => (string)t.Data["image"]!).Order());
        Assert.All(new[] { chaos.ServerErrors, chaos.RateLimits, chaos.Delays, chaos.DroppedAfterCommit }, count => Assert.True(count > 0, chaos.ToString()));
        // Every dropped answer is found; a slow answer may be too, which is the reason to look.
        Assert.True(reconciled >= chaos.DroppedAfterCommit, $"{reconciled} found, {chaos.DroppedAfterCommit} dropped");
    }
}
