using System.Diagnostics;
using Prelabel.Inference.Ocr;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// ONNX Runtime's Run alone on exactly the tensors /predict builds for the same image (the pipeline's own public
/// builders), in sessions created the same way: the floor that /predict's overhead is measured against.
/// </summary>
public sealed class RawOnnxRun(byte[] image, PaddleOcrOptions options) : IDisposable
{
    private readonly OnnxRuntime _runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));

    public int Lines { get; private set; }

    /// <summary>Milliseconds of one detector Run plus every recogniser Run, once per iteration.</summary>
    public IReadOnlyList<double> Measure(int warmup, int iterations)
    {
        using var detector = _runtime.CreateSession(options.DetectorPath, options.Threading);
        using var recognizer = _runtime.CreateSession(options.RecognizerPath, options.Threading);
        var decoded = PaddleOcr.Decode(image, options);
        var detectorInput = PaddleOcr.DetectorInput(decoded.Image, options.DetectorMaxSide);
        var (mapHeight, mapWidth) = ((int)detectorInput.Shape[2], (int)detectorInput.Shape[3]);
        var detectorFeed = new Dictionary<string, Tensor> { [detector.Inputs[0].Name] = detectorInput };
        var map = detector.Run(detectorFeed).Values.First().As<float>();
        var quads = new TextDetectionPostProcessor(options.Detection).Process(map.Span, mapWidth, mapHeight)
            .Select(b => b.Box.Scale((float)decoded.Image.Width / mapWidth, (float)decoded.Image.Height / mapHeight)).ToArray();
        Lines = quads.Length;
        var recognizerFeeds = PaddleOcr.RecognizerInputs(decoded.Image, quads, options.RecognizerBatchSize)
            .Select(b => new Dictionary<string, Tensor> { [recognizer.Inputs[0].Name] = b.Input }).ToArray();

        var times = new List<double>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            detector.Run(detectorFeed);
            foreach (var feed in recognizerFeeds) recognizer.Run(feed);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public void Dispose() => _runtime.Dispose();
}
