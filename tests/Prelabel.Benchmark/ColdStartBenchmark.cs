using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.Functions.TestHost;
using Prelabel.LabelStudio.TestServer;
using Prelabel.Testing;

namespace Prelabel.Benchmark;

/// <summary>
/// scripts/benchmark coldstart [PACKAGE.zip ...] [runs]: what a new Flex Consumption instance costs. Each package (the
/// isolated worker) is unzipped into an empty folder and started under the test host as the Functions host starts it,
/// again and again (packages interleaved, so they share the machine's load): time from exec to every function loaded,
/// to the first /health answer, the first OCR /predict (ONNX sessions created on it), the second one, and the worker's
/// peak resident memory. Without a zip it builds one with scripts/package.
/// </summary>
public static class ColdStartBenchmark
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
          <TextArea name="transcription" toName="image" perRegion="true"/>
        </View>
        """;

    private sealed record Start(double Ready, double Health, double FirstPredict, double SecondPredict, long PeakKib);

    public static async Task RunAsync(string folder, byte[] jpeg, IReadOnlyList<string> packages, int runs)
    {
        if (packages.Count == 0) packages = [FunctionsPackage.Build(Path.Combine(folder, "prelabel.zip"))];
        var roots = packages.Select((zip, i) =>
        {
            var root = Path.Combine(folder, $"app{i}");
            ZipFile.ExtractToDirectory(zip, root);
            return root;
        }).ToArray();

        await using var labelStudio = new LabelStudioTestServer();
        await labelStudio.StartAsync();
        var upload = labelStudio.AddUpload(1, "page.jpg", jpeg);
        var starts = roots.Select(_ => new List<Start>()).ToArray();
        for (var run = 0; run < runs; run++)
            for (var i = 0; i < roots.Length; i++)
                starts[i].Add(await StartOnceAsync(roots[i], labelStudio, upload));

        Console.WriteLine($"cold start of the Functions package, a {jpeg.Length / 1024} KiB 1920x1080 JPEG through the built-in OCR, median of {runs} starts, {Environment.ProcessorCount} cores");
        Console.WriteLine("package                                    ready ms  /health ms  1st /predict ms  2nd /predict ms  peak MiB");
        for (var i = 0; i < roots.Length; i++)
        {
            var s = starts[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Path.GetFileName(packages[i]),-40}{Median(s, x => x.Ready),9:0}{Median(s, x => x.Health),12:0}{Median(s, x => x.FirstPredict),17:0}{Median(s, x => x.SecondPredict),17:0}{Median(s, x => x.PeakKib) / 1024,10:0}"));
        }
    }

    private static async Task<Start> StartOnceAsync(string root, LabelStudioTestServer labelStudio, string upload)
    {
        var clock = Stopwatch.StartNew();
        await using var handler = await FunctionsTestHost.StartAsync(root, new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
            ["LOG_LEVEL"] = "WARNING",
        });
        var ready = clock.Elapsed.TotalMilliseconds;
        using (var health = await handler.Http.GetAsync("/health")) health.EnsureSuccessStatusCode();
        var healthMs = clock.Elapsed.TotalMilliseconds;
        var first = await PredictAsync(handler.Http, upload);
        var second = await PredictAsync(handler.Http, upload);
        return new Start(ready, healthMs, first, second, PeakKib(handler.WorkerProcessId));
    }

    private static async Task<double> PredictAsync(HttpClient http, string upload)
    {
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = Config,
        };
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/predict", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode || !body.Contains("\"textarea\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"/predict answered {(int)response.StatusCode}: {body}");
        return elapsed;
    }

    /// <summary>VmHWM: the most resident memory the process has had.</summary>
    private static long PeakKib(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static double Median<T>(IReadOnlyList<T> values, Func<T, double> of) => values.Select(of).Order().ElementAt(values.Count / 2);
}
