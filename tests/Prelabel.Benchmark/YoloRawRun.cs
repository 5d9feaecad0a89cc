using Microsoft.ML.OnnxRuntime;
using Prelabel.Imaging;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// One InferenceSession.Run on a tensor built with the public Imaging calls YoloModel makes (decode with the input size as
/// DCT target, letterbox in grey 114, CHW in 0..1), in a session with the SessionOptions the model registry uses: YoloModel
/// has no seam that hands out its own tensor.
/// </summary>
public sealed class YoloRawRun : IRawRun
{
    private readonly OnnxModel _model;
    private readonly PooledTensor<float> _input;
    private readonly RunOptions _runOptions = new();

    public YoloRawRun(string modelPath, int size, byte[] image)
    {
        _model = OnnxModel.Open(modelPath, SessionSettings.Default);
        var decoded = ImageDecoder.Decode(image, new DecodeOptions(YoloOptions.Default.MaxImagePixels, size));
        var letterboxed = ImageResizer.Letterbox(decoded.Image, size, size, RgbColor.LetterboxGrey).Image;
        _input = new PooledTensor<float>(1, 3, size, size);
        TensorWriter.WriteChw(letterboxed, _input.Span, Normalization.UnitRange);
        Description = $"one Run on [1,3,{size},{size}], tensor mirrors YoloModel's preprocessing";
    }

    public string Description { get; }

    public void Run() => _model.Session.Run(_runOptions, _model.Session.InputNames, [_input.Value], _model.Session.OutputNames).Dispose();

    public void Dispose()
    {
        _input.Dispose();
        _model.Dispose();
        _runOptions.Dispose();
    }
}
