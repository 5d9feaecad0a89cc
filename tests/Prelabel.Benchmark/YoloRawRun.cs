using Prelabel.Imaging;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;

namespace Prelabel.Benchmark;

/// <summary>
/// One Run on a tensor built with the public Imaging calls YoloModel makes (decode with the input size as DCT target,
/// letterbox in grey 114, CHW in 0..1), in a session created as the model registry does: YoloModel has no seam that
/// hands out its own tensor.
/// </summary>
public sealed class YoloRawRun : IRawRun
{
    private readonly OnnxRuntime _runtime = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));
    private readonly InferenceSession _session;
    private readonly Dictionary<string, Tensor> _feed;

    public YoloRawRun(string modelPath, int size, byte[] image)
    {
        _session = _runtime.CreateSession(modelPath, SessionThreading.Default);
        var decoded = ImageDecoder.Decode(image, new DecodeOptions(YoloOptions.Default.MaxImagePixels, size));
        var letterboxed = ImageResizer.Letterbox(decoded.Image, size, size, RgbColor.LetterboxGrey).Image;
        var input = new float[TensorWriter.TensorLength(letterboxed)];
        TensorWriter.WriteChw(letterboxed, input, Normalization.UnitRange);
        _feed = new Dictionary<string, Tensor> { [_session.Inputs[0].Name] = new DenseTensor<float>(input, 1, 3, size, size) };
        Description = $"one Run on [1,3,{size},{size}], tensor mirrors YoloModel's preprocessing";
    }

    public string Description { get; }

    public void Run() => _session.Run(_feed);

    public void Dispose()
    {
        _session.Dispose();
        _runtime.Dispose();
    }
}
