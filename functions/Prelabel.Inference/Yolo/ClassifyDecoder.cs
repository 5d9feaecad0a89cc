using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>Class probabilities from a classifier's [1, classes] output.</summary>
public static class ClassifyDecoder
{
    private const float SumTolerance = 1e-3f;

    /// <summary>
    /// Ultralytics classifiers export with their softmax, other exports end at the logits: a softmax is applied only
    /// when the row is not already a probability distribution.
    /// </summary>
    public static float[] Decode(Tensor output, int classCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scores = OutputView.Floats(output);
        if (scores.Length != classCount)
        {
            throw new InvalidDataException(
                $"The classifier's output [{string.Join(", ", output.Shape)}] does not fit its {classCount} class names: expected [1, {classCount}].");
        }

        if (scores.All(s => s >= 0) && MathF.Abs(scores.Sum() - 1) <= SumTolerance)
        {
            return scores;
        }

        var max = scores.Max();
        var exps = scores.Select(s => MathF.Exp(s - max)).ToArray();
        var total = exps.Sum();
        return exps.Select(e => e / total).ToArray();
    }
}
