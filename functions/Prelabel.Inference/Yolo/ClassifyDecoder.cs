using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>Class probabilities from a classifier's [1, classes] output.</summary>
public static class ClassifyDecoder
{
    private const float SumTolerance = 1e-3f;

    /// <param name="kind">What the model says its row holds; null when it says nothing, then a row that is already a
    /// distribution (non-negative, summing to 1) is taken as probabilities and any other is softmaxed.</param>
    public static float[] Decode(FloatOutput output, int classCount, ClassifierOutput? kind)
    {
        var scores = output.Values;
        if (scores.Length != classCount)
        {
            throw new InvalidDataException(
                $"The classifier's output [{string.Join(", ", output.Shape)}] does not fit its {classCount} class names: expected [1, {classCount}].");
        }

        return (kind ?? Guess(scores)) switch
        {
            ClassifierOutput.Probabilities => scores.ToArray(),
            ClassifierOutput.Sigmoid => Sigmoid(scores),
            _ => Softmax(scores),
        };
    }

    private static ClassifierOutput Guess(ReadOnlySpan<float> scores)
    {
        var sum = 0f;
        foreach (var s in scores)
        {
            if (s < 0) return ClassifierOutput.Logits;
            sum += s;
        }

        return MathF.Abs(sum - 1) <= SumTolerance ? ClassifierOutput.Probabilities : ClassifierOutput.Logits;
    }

    private static float[] Softmax(ReadOnlySpan<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores) max = MathF.Max(max, s);
        var exps = new float[scores.Length];
        var total = 0f;
        for (var i = 0; i < scores.Length; i++) total += exps[i] = MathF.Exp(scores[i] - max);
        for (var i = 0; i < exps.Length; i++) exps[i] /= total;
        return exps;
    }

    private static float[] Sigmoid(ReadOnlySpan<float> scores)
    {
        var probabilities = new float[scores.Length];
        for (var i = 0; i < scores.Length; i++) probabilities[i] = 1f / (1f + MathF.Exp(-scores[i]));
        return probabilities;
    }
}
