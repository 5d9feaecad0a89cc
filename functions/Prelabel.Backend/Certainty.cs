namespace Prelabel.Backend;

/// <summary>Turns model probabilities into the certainty a <see cref="PredictionScore"/> mode asks for, in [0, 1].</summary>
public static class Certainty
{
    /// <summary>A yes/no probability, such as a box's score or an OCR line's confidence.</summary>
    public static double Of(double probability, PredictionScore mode)
    {
        var p = Math.Clamp(probability, 0, 1);
        return mode switch
        {
            PredictionScore.Margin => Math.Abs(2 * p - 1),
            PredictionScore.Entropy => 1 - Entropy([p, 1 - p]) / Math.Log(2),
            _ => p,
        };
    }

    /// <summary>A distribution over classes; Confidence is the top probability.</summary>
    public static double Of(IReadOnlyList<double> probabilities, PredictionScore mode)
    {
        if (probabilities.Count == 0) return 0;
        if (probabilities.Count == 1) return Of(probabilities[0], mode);
        var sorted = probabilities.Select(p => Math.Clamp(p, 0, 1)).OrderDescending().ToArray();
        return mode switch
        {
            PredictionScore.Margin => sorted[0] - sorted[1],
            PredictionScore.Entropy => 1 - Entropy(sorted) / Math.Log(sorted.Length),
            _ => sorted[0],
        };
    }

    private static double Entropy(IEnumerable<double> probabilities)
    {
        var list = probabilities.ToArray();
        var total = list.Sum();
        return total <= 0 ? 0 : -list.Where(p => p > 0).Sum(p => p / total * Math.Log(p / total));
    }
}
