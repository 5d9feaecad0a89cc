using Microsoft.ML.OnnxRuntime;

namespace Prelabel.Onnx;

/// <summary>An input tensor ready for a run, whatever its element type; disposing frees its memory.</summary>
public interface IModelInput : IDisposable
{
    OrtValue Value { get; }

    long[] Shape { get; }
}
