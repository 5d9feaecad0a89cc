using Prelabel.Inference.Ocr;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// One detector Run plus every recogniser Run, on exactly the tensors /predict builds (the pipeline's own public
/// builders), in sessions created the same way.
/// </summary>
public sealed class OcrRawRun : IRawRun
{
    private readonly OnnxRuntime _runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));
    private readonly InferenceSession _detector;
    private readonly InferenceSession _recognizer;
    private readonly Dictionary<string, Tensor> _detectorFeed;
    private readonly Dictionary<string, Tensor>[] _recognizerFeeds;

    public OcrRawRun(byte[] image)
    {
        var options = new PaddleOcrOptions { ModelDirectory = PaddleOcrOptions.BuiltInModelDirectory() };
        _detector = _runtime.CreateSession(options.DetectorPath, options.Threading);
        _recognizer = _runtime.CreateSession(options.RecognizerPath, options.Threading);
        var decoded = PaddleOcr.Decode(image, options);
        var detectorInput = PaddleOcr.DetectorInput(decoded.Image, options.DetectorMaxSide);
        var (mapHeight, mapWidth) = ((int)detectorInput.Shape[2], (int)detectorInput.Shape[3]);
        _detectorFeed = new Dictionary<string, Tensor> { [_detector.Inputs[0].Name] = detectorInput };
        var map = _detector.Run(_detectorFeed).Values.First().As<float>();
        var quads = new TextDetectionPostProcessor(options.Detection).Process(map.Span, mapWidth, mapHeight)
            .Select(b => b.Box.Scale((float)decoded.Image.Width / mapWidth, (float)decoded.Image.Height / mapHeight)).ToArray();
        _recognizerFeeds = PaddleOcr.RecognizerInputs(decoded.Image, quads, options.RecognizerBatchSize)
            .Select(b => new Dictionary<string, Tensor> { [_recognizer.Inputs[0].Name] = b.Input }).ToArray();
        Description = $"detector + {quads.Length} recogniser runs, same tensors";
    }

    public string Description { get; }

    public void Run()
    {
        _detector.Run(_detectorFeed);
        foreach (var feed in _recognizerFeeds) _recognizer.Run(feed);
    }

    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
        _runtime.Dispose();
    }
}
