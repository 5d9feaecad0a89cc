using System.Collections.Concurrent;
using System.Diagnostics;
using Prelabel.LabelStudio.TestServer;
using Prelabel.Storage;
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
        var images = StorageConnection.Parse(azurite.ConnectionString).CreateBlobServiceClient().GetBlobContainerClient("images");
        await images.CreateIfNotExistsAsync();
        await using var backend = await HandlerProcess.StartAsync(new Dictionary<string, string>
        {
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"images={Project}",
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
        });

        var uploaded = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        var sending = Parallel.ForEachAsync(Enumerable.Range(0, uploads), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var name = $"bench/{i:D4}.jpg";
            await images.GetBlobClient(name).UploadAsync(new BinaryData(jpeg), new BlobUploadOptions { ContentType = "image/jpeg" }, ct);
            uploaded[$"images/{name}"] = clock.ElapsedTicks;
        });

        var latencies = new Dictionary<string, double>();
        for (var deadline = DateTime.UtcNow.AddMinutes(15); latencies.Count < uploads && DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            var now = clock.ElapsedTicks;
            foreach (var task in labelStudio.TasksOf(Project))
            {
                var source = (string?)task.Meta["source_blob"];
                if (source is not null && !latencies.ContainsKey(source) && uploaded.TryGetValue(source, out var at))
                    latencies[source] = (now - at) * 1000.0 / Stopwatch.Frequency;
            }
        }
        await sending;
        var total = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Values.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"upload → task, {uploads} uploads of a {jpeg.Length / 1024} KiB 1920x1080 JPEG, built-in OCR, local mode (Azurite, one instance, {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  tasks created      {latencies.Count} of {uploads}");
        Console.WriteLine($"  latency p50 / p95  {Percentile(0.5):0} ms / {Percentile(0.95):0} ms (max {sorted.LastOrDefault():0} ms)");
        Console.WriteLine($"  throughput         {latencies.Count / total:0.00} tasks/s ({total:0.0} s from the first upload to the last task)");
    }
}
