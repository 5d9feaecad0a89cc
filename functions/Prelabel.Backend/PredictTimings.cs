using Prelabel.Inference;

namespace Prelabel.Backend;

/// <summary>Milliseconds per stage of one /predict call, summed over its tasks (Server-Timing and the benchmark read them).</summary>
public sealed record PredictTimings(double Fetch, double Decode, double Preprocess, double Inference, double Postprocess)
{
    public static readonly PredictTimings Zero = new(0, 0, 0, 0, 0);

    public PredictTimings Add(double fetch, StageTimings stages) => new(
        Fetch + fetch, Decode + stages.Decode, Preprocess + stages.Preprocess, Inference + stages.Inference, Postprocess + stages.Postprocess);

    public PredictTimings Add(PredictTimings other) => new(
        Fetch + other.Fetch, Decode + other.Decode, Preprocess + other.Preprocess, Inference + other.Inference, Postprocess + other.Postprocess);
}
