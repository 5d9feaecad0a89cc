using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;
using Prelabel.Testing;

namespace Prelabel.Benchmark;

/// <summary>
/// scripts/benchmark load [seconds]: the local server under load, one 1920x1080 OCR task per /predict, at concurrency 1,
/// 2, 16, 32 and 64 for the given seconds each. Clients wait for Retry-After after a 503, as a well-behaved client does.
/// Beside the load, /health is asked every 100 ms. Then ONNX Runtime alone runs the same OCR tensors on two threads, and
/// the report prints /predict throughput at concurrency 2 over that raw throughput. LOAD_CLIENTS=16,32 runs only those
/// levels (the ratio needs 2); the server inherits the environment, so MALLOC_ARENA_MAX and the like can be tried.
/// </summary>
public static class LoadBenchmark
{
    private static readonly int[] Levels = Environment.GetEnvironmentVariable("LOAD_CLIENTS") is { Length: > 0 } clients
        ? [.. clients.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]
        : [1, 2, 16, 32, 64];

    private sealed record Level(int Concurrency, double Seconds, List<double> Ok, ConcurrentDictionary<int, int> Statuses, List<double> Health, Resident Peak);

    /// <summary>Resident memory at its peak, and how much of it was anonymous (heaps, arenas) and file-backed (mapped code).</summary>
    private sealed record Resident(long TotalKib, long AnonymousKib, long FileKib)
    {
        public static readonly Resident None = new(0, 0, 0);
    }

    public static async Task RunAsync(byte[] jpeg, int seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var scenario = new OcrScenario();
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        var upload = labelStudio.AddUpload(1, "page.jpg", jpeg);
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = scenario.LabelConfig,
        }.ToJsonString();

        var levels = new List<Level>();
        await using (var server = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["LOG_LEVEL"] = "ERROR",
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
        }))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
            for (var i = 0; i < 3; i++) (await PostAsync(http, body)).Dispose();
            foreach (var concurrency in Levels)
            {
                levels.Add(await RunLevelAsync(http, body, server.Id, concurrency, duration));
                await Task.Delay(TimeSpan.FromSeconds(2)); // the queue drains and ONNX Runtime's threads settle
            }
        }

        var (rawPerSecond, rawDescription) = RawThroughput(jpeg, duration);
        Console.WriteLine(Format(levels, jpeg.Length, seconds, rawPerSecond, rawDescription));
    }

    private static async Task<Level> RunLevelAsync(HttpClient http, string body, int pid, int concurrency, TimeSpan duration)
    {
        var ok = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var health = new List<double>();
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        var peak = Resident.None;
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                if (ResidentOf(pid) is { } now && now.TotalKib > peak.TotalKib) peak = now;
                await Task.Delay(50);
            }
        });
        var prober = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var probe = Stopwatch.StartNew();
                using (var response = await http.GetAsync("/health")) await response.Content.ReadAsByteArrayAsync();
                health.Add(probe.Elapsed.TotalMilliseconds);
                await Task.Delay(100);
            }
        });
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var request = Stopwatch.StartNew();
                using var response = await PostAsync(http, body);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK) ok.Add(request.Elapsed.TotalMilliseconds);
                else if (response.Headers.RetryAfter?.Delta is { } wait) await Task.Delay(wait);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var elapsed = clock.Elapsed.TotalSeconds;
        await done.CancelAsync();
        await Task.WhenAll(sampler, prober);
        return new Level(concurrency, elapsed, [.. ok], statuses, health, peak);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body)
    {
        var response = await http.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Iterations per second of detector + recogniser Runs on the same tensors, two threads at once on one set of sessions.</summary>
    private static (double PerSecond, string Description) RawThroughput(byte[] jpeg, TimeSpan duration)
    {
        using var raw = new OcrScenario().PrepareRaw(jpeg);
        raw.Run();
        var runs = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, 2, _ =>
        {
            while (clock.Elapsed < duration)
            {
                raw.Run();
                Interlocked.Increment(ref runs);
            }
        });
        return (runs / clock.Elapsed.TotalSeconds, raw.Description);
    }

    private static Resident? ResidentOf(int pid)
    {
        try
        {
            var fields = File.ReadLines($"/proc/{pid}/status")
                .Select(l => l.Split(':', 2))
                .Where(f => f.Length == 2 && f[0] is "VmRSS" or "RssAnon" or "RssFile")
                .ToDictionary(f => f[0], f => long.Parse(f[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
            return new Resident(fields["VmRSS"], fields["RssAnon"], fields["RssFile"]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Format(List<Level> levels, int bytes, int seconds, double rawPerSecond, string rawDescription)
    {
        var text = new StringBuilder();
        var line = (FormattableString s) => text.AppendLine(s.ToString(CultureInfo.InvariantCulture));
        line($"Prelabel load benchmark, OCR (built-in PaddleOCR) on one 1920x1080 JPEG ({bytes / 1024} KiB) per /predict, {seconds} s per level, {Environment.ProcessorCount} cores");
        line($"{"clients",7} {"req/s",6} {"p50 ms",7} {"p99 ms",7} {"200",5} {"503",5} {"other",5} {"/health p50",11} {"p99",6} {"max",6} {"peak RSS MiB",12} {"anon",5} {"file",5}");
        foreach (var level in levels)
        {
            var ok = level.Ok.Order().ToArray();
            var health = level.Health.Order().ToArray();
            var other = level.Statuses.Where(s => s.Key is not (200 or 503)).Sum(s => s.Value);
            line($"{level.Concurrency,7} {ok.Length / level.Seconds,6:0.00} {Percentile(ok, 0.5),7:0} {Percentile(ok, 0.99),7:0} {level.Statuses.GetValueOrDefault(200),5} {level.Statuses.GetValueOrDefault(503),5} {other,5} {Percentile(health, 0.5),11:0.0} {Percentile(health, 0.99),6:0.0} {health.LastOrDefault(),6:0.0} {level.Peak.TotalKib / 1024.0,12:0} {level.Peak.AnonymousKib / 1024.0,5:0} {level.Peak.FileKib / 1024.0,5:0}");
        }
        line($"raw ONNX Runtime, 2 threads: {rawPerSecond:0.00} iterations/s ({rawDescription})");
        if (levels.SingleOrDefault(l => l.Concurrency == 2) is { } two) line($"ratio req/s at 2 clients / raw   {two.Ok.Count / two.Seconds / rawPerSecond:0.00}");
        return text.ToString();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
