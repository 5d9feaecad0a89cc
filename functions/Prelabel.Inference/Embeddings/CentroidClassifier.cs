namespace Prelabel.Inference.Embeddings;

/// <summary>
/// Nearest-class-mean classification of embeddings: each label is the normalised mean of its examples' embeddings,
/// and an embedding's label probabilities are a softmax over its negative cosine distances (1 - cos) to them divided by
/// a temperature. Needs no training beyond averaging, so it follows every new annotation at once.
/// </summary>
public sealed class CentroidClassifier
{
    /// <summary>
    /// 0.05, a scale of 20 on the cosine: a lead of 0.1 in cosine over the runner-up gives odds of e² ≈ 7:1. Backbone
    /// embeddings of different classes typically sit within a few tenths of cosine of each other, so a temperature
    /// of 1 would leave every suggestion near uniform; CLIP's own 0.01 is sharper than a few examples justify.
    /// </summary>
    public const double DefaultTemperature = 0.05;

    private readonly Dictionary<string, float[]> _centroids;

    /// <param name="examples">Labelled embeddings; an example with several labels is listed once per label.</param>
    /// <exception cref="ArgumentException">Embeddings of different lengths, or NaN / infinite values.</exception>
    public CentroidClassifier(IEnumerable<(string Label, float[] Embedding)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        foreach (var (label, embedding) in examples)
        {
            ArgumentNullException.ThrowIfNull(label);
            ArgumentNullException.ThrowIfNull(embedding);
            Dimensions ??= embedding.Length;
            if (embedding.Length != Dimensions || !embedding.All(float.IsFinite))
            {
                throw new ArgumentException($"The embedding for '{label}' has {embedding.Length} values where the first had {Dimensions}, or is not finite.", nameof(examples));
            }

            var (sum, count) = sums.TryGetValue(label, out var found) ? found : (new double[embedding.Length], 0);
            for (var d = 0; d < embedding.Length; d++)
            {
                sum[d] += embedding[d];
            }

            sums[label] = (sum, count + 1);
        }

        // Re-normalised so a label with many spread-out examples (a shorter mean) is not pushed away from everything.
        _centroids = sums.ToDictionary(s => s.Key, s => Vectors.Normalized(Array.ConvertAll(s.Value.Sum, v => (float)v)), StringComparer.Ordinal);
        Counts = sums.ToDictionary(s => s.Key, s => s.Value.Count, StringComparer.Ordinal);
        Labels = [.. _centroids.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The labels seen, in ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Examples per label.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    /// <summary>Embedding length, or null when there are no examples.</summary>
    public int? Dimensions { get; private set; }

    /// <summary>The unit-length mean embedding of a label.</summary>
    public float[] Centroid(string label) => (float[])_centroids[label].Clone();

    /// <summary>Every label with its probability, most likely first (ties in label order); empty when nothing was learned.</summary>
    /// <param name="temperature">Divides the negative distances before the softmax: smaller is more confident (<see cref="DefaultTemperature"/>).</param>
    /// <exception cref="ArgumentException">The embedding's length differs from the examples'.</exception>
    public IReadOnlyList<(string Label, double Probability)> Classify(float[] embedding, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        if (!(temperature > 0) || !double.IsFinite(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive number.");
        }

        if (Labels.Count == 0)
        {
            return [];
        }

        if (embedding.Length != Dimensions)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} values; the examples had {Dimensions}.", nameof(embedding));
        }

        var logits = Labels.Select(l => -Vectors.CosineDistance(embedding, _centroids[l]) / temperature).ToArray();
        var max = logits.Max();
        var exps = logits.Select(l => Math.Exp(l - max)).ToArray();
        var total = exps.Sum();
        return Labels.Select((label, i) => (label, exps[i] / total))
            .OrderByDescending(p => p.Item2)
            .ToArray();
    }
}
