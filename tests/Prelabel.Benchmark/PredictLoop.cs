using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.Host.Apis;
using Prelabel.LabelStudio.TestServer;
using Prelabel.Testing;

namespace Prelabel.Benchmark;

/// <summary>Server-Timing stages and round trips of repeated /predict calls, and the raw Run after each; warm-up dropped.</summary>
/// <param name="Stages">Milliseconds per stage name, one entry per measured call.</param>
/// <param name="Raw">Milliseconds of the raw Run iteration that followed each measured call.</param>
/// <param name="Regions">Rectangles in the last response.</param>
public sealed record PredictTimes(IReadOnlyDictionary<string, List<double>> Stages, IReadOnlyList<double> RoundTrips, IReadOnlyList<double> Raw, int Regions);

public static class PredictLoop
{
    // ONNX Runtime's pool threads spin a little after a run before they sleep; the server's spinning must not land in
    // the raw Run's time, nor the raw Run's in the next /predict's (both share the cores).
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Starts the real handler for the scenario and POSTs /predict for one task holding the uploaded image, each call
    /// followed by one raw Run iteration so both meet the same machine load.
    /// </summary>
    public static async Task<PredictTimes> RunAsync(LabelStudioTestServer labelStudio, string upload, IBenchmarkScenario scenario, IRawRun raw, int warmup, int iterations)
    {
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["project"] = "1.1746612998",
            ["label_config"] = scenario.LabelConfig,
        }.ToJsonString();
        var settings = new Dictionary<string, string>(scenario.Settings)
        {
            ["LOG_LEVEL"] = "WARNING",
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
        };

        var stages = new Dictionary<string, List<double>>();
        var roundTrips = new List<double>();
        var rawTimes = new List<double>();
        var regions = 0;
        await using var handler = await PrelabelProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = handler.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        for (var i = 0; i < warmup + iterations; i++)
        {
            Thread.Sleep(Settle);
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/predict answered {(int)response.StatusCode}: {text}");
            regions = JsonNode.Parse(text)!["results"]![0]!["result"]!.AsArray().Count(r => (string?)r!["type"] == "rectanglelabels");
            Thread.Sleep(Settle);
            clock.Restart();
            raw.Run();
            var rawElapsed = clock.Elapsed.TotalMilliseconds;
            if (i < warmup) continue;
            roundTrips.Add(elapsed);
            rawTimes.Add(rawElapsed);
            foreach (var (stage, ms) in ServerTiming.Parse(response.Headers.GetValues("Server-Timing").Single()))
                (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(ms);
        }
        return new PredictTimes(stages, roundTrips, rawTimes, regions);
    }
}
