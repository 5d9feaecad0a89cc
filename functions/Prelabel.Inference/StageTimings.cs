namespace Prelabel.Inference;

/// <summary>Wall-clock milliseconds spent in each stage of one image's inference; Inference is the time inside ONNX Runtime's Run.</summary>
public sealed record StageTimings(double Decode, double Preprocess, double Inference, double Postprocess)
{
    public static readonly StageTimings None = new(0, 0, 0, 0);
}
