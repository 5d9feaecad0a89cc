using System.Collections.Concurrent;
using System.Diagnostics;
using Prelabel.LabelStudio.TestServer;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Testing;

namespace Prelabel.Benchmark;

/// <summary>
/// scripts/benchmark import [uploads]: the local upload → task path end to end. Uploads the benchmark JPEG to Azurite
/// as fast as it can, and times each one from the end of its upload to its task appearing in the Label Studio test
/// server (the container watcher's poll, the queue, the built-in OCR model, the import). Prints p50/p95 and throughput.
/// </summary>
public static class ImportBenchmark
{
    private const long Project = 1;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """;

    public static async Task RunAsync(byte[] jpeg, int uploads)
    {
        using var azurite = new Azurite();
        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        labelStudio.AddProject(Project, "Benchmark", Config);
        var images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("images");
        await images.CreateIfNotExistsAsync();
        await using var backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["LOG_LEVEL"] = "WARNING",
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"images={Project}",
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
        });

        // One at a time: what a single upload waits when nothing else is going on.
        var alone = await MeasureAsync(images, labelStudio, jpeg, "alone", 10, parallel: 1, paced: true);
        // All at once: how fast a burst drains, and what the last of it waits.
        var burstClock = Stopwatch.StartNew();
        var burst = await MeasureAsync(images, labelStudio, jpeg, "burst", uploads, parallel: 4, paced: false);
        var total = burstClock.Elapsed.TotalSeconds;

        Console.WriteLine($"upload → task, a {jpeg.Length / 1024} KiB 1920x1080 JPEG, built-in OCR, local mode (Azurite, one instance, {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  one at a time ({alone.Length} uploads)   p50 {Percentile(alone, 0.5):0} ms, p95 {Percentile(alone, 0.95):0} ms");
        Console.WriteLine($"  burst of {uploads}, {burst.Length} tasks   p50 {Percentile(burst, 0.5):0} ms, p95 {Percentile(burst, 0.95):0} ms; " +
                          $"throughput {burst.Length / total:0.00} tasks/s ({total:0.0} s from the first upload to the last task)");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Milliseconds from each upload's end to its task, sorted.</summary>
    private static async Task<double[]> MeasureAsync(BlobContainerClient images, LabelStudioTestServer labelStudio, byte[] jpeg, string prefix, int count, int parallel, bool paced)
    {
        var uploaded = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentDictionary<string, double>();
        var clock = Stopwatch.StartNew();
        var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var now = clock.ElapsedTicks;
                foreach (var task in labelStudio.TasksOf(Project))
                    if ((string?)task.Meta["source_blob"] is { } source && uploaded.TryGetValue(source, out var at))
                        latencies.TryAdd(source, (now - at) * 1000.0 / Stopwatch.Frequency);
                await Task.Delay(10);
            }
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var name = $"{prefix}/{i:D4}.jpg";
            await images.GetBlobClient(name).UploadAsync(new BinaryData(jpeg), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, ct);
            uploaded[$"images/{name}"] = clock.ElapsedTicks;
            if (paced)
                for (var deadline = DateTime.UtcNow.AddMinutes(2); !latencies.ContainsKey($"images/{name}") && DateTime.UtcNow < deadline; await Task.Delay(10, ct)) { }
        });
        for (var deadline = DateTime.UtcNow.AddMinutes(15); latencies.Count < count && DateTime.UtcNow < deadline; await Task.Delay(20)) { }
        await watching.CancelAsync();
        await watcher;
        return [.. latencies.Values.Order()];
    }
}
