using System.Text;

namespace Prelabel.Inference.Ocr;

/// <summary>Best-path CTC decoding: take each time step's most likely class, merge repeats, drop the blank.</summary>
public static class CtcGreedyDecoder
{
    private const float SumTolerance = 1e-3f;

    /// <param name="scores">Row-major [steps, classes] output of the recogniser for one line.</param>
    public static RecognizedText Decode(ReadOnlySpan<float> scores, int steps, int classes, OcrCharacterSet characters, CtcInput input = CtcInput.Auto)
    {
        ArgumentNullException.ThrowIfNull(characters);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (scores.Length != (long)steps * classes)
        {
            throw new ArgumentException($"Got {scores.Length} scores for {steps} × {classes} = {(long)steps * classes}.", nameof(scores));
        }

        if (classes != characters.ClassCount)
        {
            throw new ArgumentException(
                $"The recogniser gives {classes} classes but the character set has {characters.ClassCount}.", nameof(classes));
        }

        var logits = input switch
        {
            CtcInput.Logits => true,
            CtcInput.Probabilities => false,
            _ => !AreProbabilities(scores, steps, classes),
        };

        var text = new StringBuilder();
        double confidence = 0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * classes, classes);
            var best = ArgMax(row);
            if (best != OcrCharacterSet.BlankIndex && best != previous)
            {
                text.Append(characters[best]);
                confidence += logits ? SoftmaxAt(row, best) : row[best];
                kept++;
            }

            previous = best;
        }

        return new RecognizedText(text.ToString(), kept == 0 ? 0f : (float)(confidence / kept));
    }

    private static bool AreProbabilities(ReadOnlySpan<float> scores, int steps, int classes)
    {
        for (var t = 0; t < steps; t++)
        {
            double sum = 0;
            foreach (var value in scores.Slice(t * classes, classes))
            {
                if (!(value >= 0))
                {
                    return false;
                }

                sum += value;
            }

            if (Math.Abs(sum - 1) > SumTolerance)
            {
                return false;
            }
        }

        return true;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    // Softmax of one entry, shifted by the row maximum so large logits do not overflow.
    private static float SoftmaxAt(ReadOnlySpan<float> row, int index)
    {
        var max = row[index];
        double sum = 0;
        foreach (var value in row)
        {
            sum += Math.Exp(value - max);
        }

        return (float)(1 / sum);
    }
}
