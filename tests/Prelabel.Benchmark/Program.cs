using System.Globalization;
using Prelabel.Benchmark;
using Prelabel.LabelStudio.TestServer;

// scripts/benchmark [ocr|yolo|all] [runs]: medians of /predict stages on one 1920x1080 JPEG, then raw ONNX Runtime Run
// on the same tensors, per model. A bare number is the run count for all. scripts/benchmark import [uploads]: upload →
// task latency and throughput of the local import path. scripts/benchmark coldstart [PACKAGE.zip ...] [runs]: a new
// instance's time to /health, first and second /predict, and peak memory, per package. scripts/benchmark open [runs]:
// opening the OCR models from the .onnx file and from their optimised graphs. scripts/benchmark load [seconds]: the
// local server at concurrency 1 to 64 (req/s, latency, 503s, /health beside, peak memory) against raw throughput. scripts/benchmark preprocess [runs]: decode,
// letterbox and normalise against OpenCV-Python on a 1080p page and a 12 MP photo.
var packages = args.Where(a => a.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).Select(Path.GetFullPath).ToArray();
args = args.Where(a => !a.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToArray();
var which = args.FirstOrDefault(a => !int.TryParse(a, out _))?.ToLowerInvariant() ?? "all";
var iterations = args.Where(a => int.TryParse(a, out _)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(20).First();
if (which is not ("ocr" or "yolo" or "all" or "import" or "coldstart" or "open" or "load" or "preprocess")) throw new ArgumentException($"Unknown benchmark '{which}': expected ocr, yolo, import, coldstart, open, load, preprocess or all.");
const int warmup = 3;
var folder = Directory.CreateTempSubdirectory("prelabel-benchmark-");
try
{
    var jpeg = BenchmarkImage.Create(folder.FullName);
    if (which == "import")
    {
        await ImportBenchmark.RunAsync(jpeg, args.Any(a => int.TryParse(a, out _)) ? iterations : 50);
        return;
    }
    if (which == "coldstart")
    {
        await ColdStartBenchmark.RunAsync(folder.FullName, jpeg, packages, args.Any(a => int.TryParse(a, out _)) ? iterations : 10);
        return;
    }
    if (which == "load")
    {
        await LoadBenchmark.RunAsync(jpeg, args.Any(a => int.TryParse(a, out _)) ? iterations : 15);
        return;
    }
    if (which == "open")
    {
        ModelLoadBenchmark.Run(folder.FullName, args.Any(a => int.TryParse(a, out _)) ? iterations : 10);
        return;
    }
    if (which == "preprocess")
    {
        PreprocessBenchmark.Run(folder.FullName, jpeg, args.Any(a => int.TryParse(a, out _)) ? iterations : 20);
        return;
    }
    var scenarios = new List<IBenchmarkScenario>();
    if (which is "ocr" or "all") scenarios.Add(new OcrScenario());
    if (which is "yolo" or "all") scenarios.Add(new YoloScenario(folder.FullName));

    await using var labelStudio = new LabelStudioTestServer();
    await labelStudio.StartAsync();
    var upload = labelStudio.AddUpload(1, "page.jpg", jpeg);
    foreach (var scenario in scenarios)
    {
        using var raw = scenario.PrepareRaw(jpeg);
        var predict = await PredictLoop.RunAsync(labelStudio, upload, scenario, raw, warmup, iterations);
        Console.WriteLine(BenchmarkReport.Format(scenario, jpeg.Length, predict, raw.Description, warmup));
    }
}
finally
{
    folder.Delete(recursive: true);
}
