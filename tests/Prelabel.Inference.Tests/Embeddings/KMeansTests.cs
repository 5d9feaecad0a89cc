using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

public class KMeansTests
{
    private const int Dimensions = 8;

    /// <summary>Three blobs of 30 points around orthogonal directions, shuffled, with the blob each point came from.</summary>
    private static (List<float[]> Points, int[] Truth) ThreeBlobs(int seed = 7)
    {
        var random = new Random(seed);
        var labelled = Enumerable.Range(0, 3)
            .SelectMany(b => Synthetic.Blob(Synthetic.Axis(b, Dimensions), 30, 0.2f, random).Select(p => (Point: p, Blob: b)))
            .OrderBy(_ => random.Next())
            .ToList();
        return (labelled.Select(l => l.Point).ToList(), labelled.Select(l => l.Blob).ToArray());
    }

    [Fact]
    public void Three_well_separated_blobs_are_recovered_exactly_up_to_the_order_of_the_clusters()
    {
        var (points, truth) = ThreeBlobs();

        var result = new KMeans(3, seed: 1).Fit(points);

        Assert.Equal(3, result.Centroids.Count);
        var mapping = Enumerable.Range(0, points.Count).Select(i => (truth[i], result.Assignments[i])).Distinct().ToArray();
        Assert.Equal(3, mapping.Length);
        Assert.Equal(3, mapping.Select(m => m.Item2).Distinct().Count());
    }

    [Fact]
    public void Each_centroid_is_the_mean_of_its_points()
    {
        var (points, _) = ThreeBlobs();

        var result = new KMeans(3).Fit(points);

        for (var c = 0; c < 3; c++)
        {
            var members = points.Where((_, i) => result.Assignments[i] == c).ToList();
            var mean = Enumerable.Range(0, Dimensions).Select(d => members.Average(p => p[d])).ToArray();
            Assert.Equal(mean, result.Centroids[c], (a, b) => Math.Abs(a - b) < 1e-5);
        }
    }

    [Fact]
    public void The_same_points_and_seed_give_the_same_result()
    {
        var (points, _) = ThreeBlobs();

        var first = new KMeans(4, seed: 3).Fit(points);
        var second = new KMeans(4, seed: 3).Fit(points);

        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Centroids, second.Centroids);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void Asking_for_more_clusters_than_points_gives_one_cluster_per_point()
    {
        List<float[]> points = [[1, 0], [0, 1], [-1, 0]];

        var result = new KMeans(5).Fit(points);

        Assert.Equal(3, result.Centroids.Count);
        Assert.Equal(3, result.Assignments.Distinct().Count());
        Assert.Equal(0, result.Inertia);
    }

    [Fact]
    public void Duplicate_points_count_once_when_choosing_clusters()
    {
        List<float[]> points = [.. Enumerable.Repeat(new float[] { 1, 0 }, 5), .. Enumerable.Repeat(new float[] { 0, 1 }, 5)];

        var result = new KMeans(3).Fit(points);

        Assert.Equal(2, result.Centroids.Count);
        Assert.Equal(result.Assignments.Take(5).Distinct().Single(), result.Assignments[0]);
        Assert.NotEqual(result.Assignments[0], result.Assignments[9]);
        Assert.Equal(0, result.Inertia);
    }

    [Fact]
    public void One_point_is_one_cluster()
    {
        var result = new KMeans(2).Fit([[0.6f, 0.8f]]);

        Assert.Equal([0.6f, 0.8f], Assert.Single(result.Centroids));
        Assert.Equal([0], result.Assignments);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_cluster_ends_empty_and_every_point_is_with_its_nearest_centroid(int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 40).Select(_ => Vectors.Normalized([random.NextSingle() - 0.5f, random.NextSingle() - 0.5f, random.NextSingle() - 0.5f])).ToList();

        var result = new KMeans(7, seed) { Attempts = 1 }.Fit(points);

        Assert.Equal(Enumerable.Range(0, 7), result.Assignments.Distinct().Order());
        for (var i = 0; i < points.Count; i++)
        {
            var nearest = result.Centroids.Min(c => Vectors.SquaredDistance(points[i], c));
            Assert.Equal(nearest, Vectors.SquaredDistance(points[i], result.Centroids[result.Assignments[i]]), 1e-9);
        }
    }

    [Fact]
    public void More_attempts_never_end_with_a_higher_inertia()
    {
        var (points, _) = ThreeBlobs();

        var one = new KMeans(5, seed: 2) { Attempts = 1 }.Fit(points);
        var many = new KMeans(5, seed: 2) { Attempts = 8 }.Fit(points);

        Assert.True(many.Inertia <= one.Inertia);
    }

    [Fact]
    public void Points_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new KMeans(2).Fit([[1, 0], [1, 0, 0]]));
        Assert.Throws<ArgumentException>(() => new KMeans(2).Fit([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0));
    }
}
