using Microsoft.ML.OnnxRuntime;
using Prelabel.Inference.Ocr;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// One detector Run plus every recogniser Run, on exactly the tensors /predict builds (the pipeline's own public
/// builders), in InferenceSessions with the same SessionOptions, called directly.
/// </summary>
public sealed class OcrRawRun : IRawRun
{
    private readonly OnnxModel _detector;
    private readonly OnnxModel _recognizer;
    private readonly PooledTensor<float> _detectorInput;
    private readonly RecognizerBatch[] _batches;
    private readonly RunOptions _runOptions = new();

    public OcrRawRun(byte[] image)
    {
        var options = new PaddleOcrOptions { ModelDirectory = PaddleOcrOptions.BuiltInModelDirectory() };
        _detector = OnnxModel.Open(options.DetectorPath, options.Sessions);
        _recognizer = OnnxModel.Open(options.RecognizerPath, options.Sessions);
        var decoded = PaddleOcr.Decode(image, options);
        _detectorInput = PaddleOcr.DetectorInput(decoded.Image, options.DetectorMaxSide);
        var (mapHeight, mapWidth) = ((int)_detectorInput.Shape[2], (int)_detectorInput.Shape[3]);
        Quad[] quads;
        using (var outputs = _detector.Run(_detector.Session.InputNames[0], _detectorInput.Value))
        {
            quads = new TextDetectionPostProcessor(options.Detection).Process(FloatOutput.Of(outputs[0], "map").Values, mapWidth, mapHeight)
                .Select(b => b.Box.Scale((float)decoded.Image.Width / mapWidth, (float)decoded.Image.Height / mapHeight)).ToArray();
        }

        _batches = [.. PaddleOcr.RecognizerInputs(decoded.Image, quads, options.RecognizerBatchSize)];
        Description = $"detector + {_batches.Length} recogniser runs of {quads.Length} lines, same tensors";
    }

    public string Description { get; }

    public void Run()
    {
        Run(_detector.Session, _detectorInput.Value);
        foreach (var batch in _batches) Run(_recognizer.Session, batch.Input.Value);
    }

    public void Dispose()
    {
        foreach (var batch in _batches) batch.Dispose();
        _detectorInput.Dispose();
        _detector.Dispose();
        _recognizer.Dispose();
        _runOptions.Dispose();
    }

    private void Run(InferenceSession session, OrtValue input) =>
        session.Run(_runOptions, session.InputNames, [input], session.OutputNames).Dispose();
}
