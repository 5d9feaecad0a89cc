using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Prelabel.Onnx;

/// <summary>A float32 output read in place (a span over ONNX Runtime's memory), or a float16 one widened to float32.</summary>
public readonly ref struct FloatOutput
{
    private FloatOutput(ReadOnlySpan<float> values, long[] shape)
    {
        Values = values;
        Shape = shape;
    }

    public ReadOnlySpan<float> Values { get; }

    public long[] Shape { get; }

    /// <summary>The value's floats; valid while <paramref name="value"/> is.</summary>
    /// <exception cref="InvalidDataException">The value is not a float32 or float16 tensor.</exception>
    public static FloatOutput Of(OrtValue value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsTensor) throw new InvalidDataException($"Output \"{name}\" is a {value.OnnxType}, not a tensor.");
        var info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => new FloatOutput(value.GetTensorDataAsSpan<float>(), info.Shape),
            TensorElementType.Float16 => new FloatOutput(Widen(value.GetTensorDataAsSpan<Float16>()), info.Shape),
            var other => throw new InvalidDataException($"Output \"{name}\" holds {other.ToString().ToLowerInvariant()} values; float32 or float16 are read."),
        };
    }

    private static float[] Widen(ReadOnlySpan<Float16> halves)
    {
        var floats = new float[halves.Length];
        for (var i = 0; i < halves.Length; i++) floats[i] = halves[i].ToFloat();
        return floats;
    }
}
