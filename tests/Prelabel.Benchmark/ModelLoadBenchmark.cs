using System.Diagnostics;
using Prelabel.Inference;
using Prelabel.Inference.Ocr;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// scripts/benchmark open [runs]: opening the built-in OCR models' sessions from the .onnx file and from the optimised
/// graph scripts/package ships (ORT_OPTIMIZED_MODEL_DIR), interleaved, with one warm-up open so ONNX Runtime's
/// environment is already made, as it is by the time a new instance opens its second model.
/// </summary>
public static class ModelLoadBenchmark
{
    public static void Run(string folder, int runs)
    {
        var options = new PaddleOcrOptions { ModelDirectory = PaddleOcrOptions.BuiltInModelDirectory() };
        var optimized = Path.Combine(folder, "optimized");
        var settings = options.Sessions with { OptimizedModelDirectory = optimized };
        Console.WriteLine($"model load (InferenceSession made, {settings.EffectiveIntraOpThreads} intra-op threads), median of {runs}");
        Console.WriteLine($"{"model",-34}{"from .onnx ms",15}{"optimised ms",15}{"ratio",8}");
        foreach (var path in new[] { options.DetectorPath, options.RecognizerPath })
        {
            var version = ModelFile.Version(path);
            OnnxModel.Optimize(path, version, optimized);
            Open(path, settings, null).Dispose();
            var plain = new List<double>();
            var fast = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                plain.Add(Time(path, settings, null));
                fast.Add(Time(path, settings, version));
            }

            var (a, b) = (Median(plain), Median(fast));
            Console.WriteLine($"  {Path.GetFileName(path),-32}{a,15:F0}{b,15:F0}{b / a,8:F2}");
        }
    }

    private static double Time(string path, SessionSettings settings, string? version)
    {
        var clock = Stopwatch.StartNew();
        using var model = Open(path, settings, version);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (version is not null && model.LoadedFrom == path) throw new InvalidOperationException($"{path} did not open from its optimised graph.");
        return elapsed;
    }

    private static OnnxModel Open(string path, SessionSettings settings, string? version) => OnnxModel.Open(path, settings, version);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
