using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

public class CentroidClassifierTests
{
    private const int Dimensions = 16;

    private static readonly string[] s_labels = ["cat", "dog", "fox"];

    /// <summary>Labelled and held-out points of three classes around orthogonal directions.</summary>
    private static (List<(string, float[])> Train, List<(string Label, float[] Point)> Test) Separable()
    {
        var random = new Random(11);
        var train = new List<(string, float[])>();
        var test = new List<(string, float[])>();
        for (var c = 0; c < s_labels.Length; c++)
        {
            var points = Synthetic.Blob(Synthetic.Axis(c, Dimensions), 40, 0.35f, random);
            train.AddRange(points.Take(10).Select(p => (s_labels[c], p)));
            test.AddRange(points.Skip(10).Select(p => (s_labels[c], p)));
        }

        return (train, test);
    }

    [Fact]
    public void Held_out_points_of_separable_classes_are_all_classified_correctly()
    {
        var (train, test) = Separable();
        var classifier = new CentroidClassifier(train);

        var correct = test.Count(t => classifier.Classify(t.Point)[0].Label == t.Label);

        Assert.Equal(test.Count, correct);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_come_most_likely_first()
    {
        var (train, test) = Separable();
        var classifier = new CentroidClassifier(train);

        Assert.All(test, t =>
        {
            var result = classifier.Classify(t.Point);
            Assert.Equal(s_labels, result.Select(r => r.Label).Order());
            Assert.Equal(1, result.Sum(r => r.Probability), 1e-9);
            Assert.Equal(result.OrderByDescending(r => r.Probability), result);
        });
    }

    [Fact]
    public void Probabilities_are_a_softmax_of_negative_cosine_distances_over_the_temperature()
    {
        var classifier = new CentroidClassifier([("a", [1, 0]), ("b", [0, 1])]);

        var result = classifier.Classify([1, 0], temperature: 0.5);

        // Distances 0 and 1: logits 0 and -2.
        var a = 1 / (1 + Math.Exp(-2));
        Assert.Equal(["a", "b"], result.Select(r => r.Label));
        Assert.Equal(a, result[0].Probability, 1e-9);
        Assert.Equal(1 - a, result[1].Probability, 1e-9);
    }

    [Fact]
    public void A_lower_temperature_is_more_confident()
    {
        var (train, test) = Separable();
        var classifier = new CentroidClassifier(train);
        var point = test[0].Point;

        Assert.True(classifier.Classify(point, 0.01)[0].Probability > classifier.Classify(point, 1)[0].Probability);
        Assert.Equal(CentroidClassifier.DefaultTemperature, 0.05);
    }

    [Fact]
    public void A_centroid_is_the_renormalised_mean_of_its_examples()
    {
        var classifier = new CentroidClassifier([("a", [1, 0]), ("a", [0, 1]), ("b", [0, 1])]);

        Assert.Equal([MathF.Sqrt(0.5f), MathF.Sqrt(0.5f)], classifier.Centroid("a"), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Equal(2, classifier.Counts["a"]);
        Assert.Equal(["a", "b"], classifier.Labels);
        Assert.Equal(2, classifier.Dimensions);
    }

    [Fact]
    public void Equally_near_labels_tie_in_label_order()
    {
        var classifier = new CentroidClassifier([("zebra", [0, 1]), ("ant", [1, 0])]);

        var result = classifier.Classify([1, 1]);

        Assert.Equal(["ant", "zebra"], result.Select(r => r.Label));
        Assert.Equal(0.5, result[0].Probability, 1e-12);
    }

    [Fact]
    public void Without_examples_nothing_is_suggested()
    {
        Assert.Empty(new CentroidClassifier([]).Classify([1, 0]));
    }

    [Fact]
    public void An_embedding_of_another_length_or_a_bad_temperature_is_refused()
    {
        var classifier = new CentroidClassifier([("a", [1, 0])]);

        Assert.Throws<ArgumentException>(() => classifier.Classify([1, 0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Classify([1, 0], 0));
        Assert.Throws<ArgumentException>(() => new CentroidClassifier([("a", [1, 0]), ("b", [1, 0, 0])]));
    }
}
