using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.Benchmark;
using Prelabel.Host.Apis;
using Prelabel.Inference.Ocr;
using Prelabel.LabelStudio.TestServer;

// scripts/benchmark [iterations]: medians of /predict stages on one 1920x1080 JPEG, then raw ONNX Runtime Run on the same tensors.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const int warmup = 3;
var folder = Directory.CreateTempSubdirectory("prelabel-benchmark-");
try
{
    var jpeg = BenchmarkImage.Create(folder.FullName);
    await using var labelStudio = new LabelStudioTestServer();
    await labelStudio.StartAsync();
    var upload = labelStudio.AddUpload(1, "page.jpg", jpeg);
    var body = new JsonObject
    {
        ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
        ["project"] = "1.1746612998",
        ["label_config"] = """
            <View><Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image"><Label value="Text"/></RectangleLabels>
              <TextArea name="transcription" toName="image" perRegion="true"/>
            </View>
            """,
    }.ToJsonString();

    var stages = new Dictionary<string, List<double>>();
    var roundTrips = new List<double>();
    int regions;
    await using (var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>
    {
        ["LABEL_STUDIO_URL"] = labelStudio.BaseUrl,
        ["LABEL_STUDIO_API_KEY"] = labelStudio.LegacyToken,
    }))
    {
        using var http = new HttpClient { BaseAddress = handler.Url, Timeout = TimeSpan.FromMinutes(2) };
        regions = 0;
        for (var i = 0; i < warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/predict answered {(int)response.StatusCode}: {text}");
            regions = JsonNode.Parse(text)!["results"]![0]!["result"]!.AsArray().Count(r => (string?)r!["type"] == "rectanglelabels");
            if (i < warmup) continue;
            roundTrips.Add(elapsed);
            foreach (var (stage, ms) in ServerTiming.Parse(response.Headers.GetValues("Server-Timing").Single()))
                (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(ms);
        }
    }

    using var raw = new RawOnnxRun(jpeg, new PaddleOcrOptions { ModelDirectory = PaddleOcrOptions.BuiltInModelDirectory() });
    var rawTimes = raw.Measure(warmup, iterations);

    static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"Prelabel /predict benchmark: 1920x1080 JPEG ({jpeg.Length / 1024} KiB), {regions} text lines, median of {iterations} runs after {warmup} warm-up, {Environment.ProcessorCount} cores");
    report.AppendLine("stage                      ms");
    foreach (var stage in new[] { "fetch", "decode", "preprocess", "inference", "postprocess", "serialise" })
        report.AppendLine(CultureInfo.InvariantCulture, $"  {stage,-24}{Median(stages[stage]),8:0.0}");
    var serverTotal = Median(Enumerable.Range(0, iterations).Select(i => stages.Values.Sum(s => s[i])).ToArray());
    report.AppendLine(CultureInfo.InvariantCulture, $"  {"stages total",-24}{serverTotal,8:0.0}");
    report.AppendLine(CultureInfo.InvariantCulture, $"/predict round trip        {Median(roundTrips),8:0.0}");
    report.AppendLine(CultureInfo.InvariantCulture, $"raw ONNX Runtime Run       {Median(rawTimes),8:0.0}   (detector + {raw.Lines} recogniser runs, same tensors)");
    report.AppendLine(CultureInfo.InvariantCulture, $"ratio /predict / raw Run   {Median(roundTrips) / Median(rawTimes),8:0.00}");
    Console.Write(report);
}
finally
{
    folder.Delete(recursive: true);
}
