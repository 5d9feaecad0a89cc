namespace Prelabel.Inference.Embeddings;

/// <summary>
/// k-means with k-means++ seeding and Lloyd iterations, in squared Euclidean distance. On L2-normalised embeddings
/// that ranks exactly as cosine distance (|a - b|² = 2 - 2 cos), so no separate cosine variant is needed.
/// Deterministic: the same points, k and seed give the same result, single-threaded, ties to the lowest index.
/// </summary>
public sealed class KMeans
{
    public KMeans(int clusters, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        Clusters = clusters;
        Seed = seed;
    }

    public int Clusters { get; }

    public int Seed { get; }

    public int MaxIterations { get; init; } = 100;

    /// <summary>Independently seeded runs; the lowest inertia wins, as one unlucky seeding can merge two clusters.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>
    /// Clusters the points. Asking for more clusters than there are distinct points gives one cluster per distinct
    /// point; a cluster that loses all its points is moved to the point farthest from its centroid.
    /// </summary>
    /// <exception cref="ArgumentException">No points, points of different lengths, or NaN / infinite values.</exception>
    public KMeansResult Fit(IReadOnlyList<float[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Attempts, 1);
        Validate(points);

        var random = new Random(Seed);
        KMeansResult? best = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var result = Lloyd(points, PlusPlus(points, random));
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return best!;
    }

    // k-means++: each next centre is a point drawn with probability proportional to its squared distance to the nearest
    // centre so far. Once every point sits on a centre the draw has nothing left, which is how duplicates and k > n end.
    private List<float[]> PlusPlus(IReadOnlyList<float[]> points, Random random)
    {
        var centres = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        var nearest = points.Select(p => Vectors.SquaredDistance(p, centres[0])).ToArray();
        while (centres.Count < Clusters)
        {
            var total = nearest.Sum();
            if (total <= 0)
            {
                break;
            }

            var target = random.NextDouble() * total;
            var chosen = Array.FindLastIndex(nearest, d => d > 0);
            for (var (i, running) = (0, 0.0); i < nearest.Length; i++)
            {
                running += nearest[i];
                if (nearest[i] > 0 && running >= target)
                {
                    chosen = i;
                    break;
                }
            }

            var centre = (float[])points[chosen].Clone();
            centres.Add(centre);
            for (var i = 0; i < points.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], Vectors.SquaredDistance(points[i], centre));
            }
        }

        return centres;
    }

    private KMeansResult Lloyd(IReadOnlyList<float[]> points, List<float[]> centroids)
    {
        var assignments = new int[points.Count];
        var iterations = 0;
        for (var changed = true; changed && iterations < MaxIterations; iterations++)
        {
            changed = Assign(points, centroids, assignments) | iterations == 0;
            changed |= Update(points, centroids, assignments);
        }

        Assign(points, centroids, assignments);
        var inertia = points.Select((p, i) => Vectors.SquaredDistance(p, centroids[assignments[i]])).Sum();
        return new KMeansResult(centroids, assignments, inertia, iterations);
    }

    private static bool Assign(IReadOnlyList<float[]> points, List<float[]> centroids, int[] assignments)
    {
        var changed = false;
        for (var i = 0; i < points.Count; i++)
        {
            var (best, bestDistance) = (0, double.PositiveInfinity);
            for (var c = 0; c < centroids.Count; c++)
            {
                var distance = Vectors.SquaredDistance(points[i], centroids[c]);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (c, distance);
                }
            }

            changed |= assignments[i] != best;
            assignments[i] = best;
        }

        return changed;
    }

    /// <returns>Whether an empty cluster had to be moved (the assignments are then stale).</returns>
    private static bool Update(IReadOnlyList<float[]> points, List<float[]> centroids, int[] assignments)
    {
        var dimensions = points[0].Length;
        var sums = new double[centroids.Count, dimensions];
        var counts = new int[centroids.Count];
        for (var i = 0; i < points.Count; i++)
        {
            counts[assignments[i]]++;
            for (var d = 0; d < dimensions; d++)
            {
                sums[assignments[i], d] += points[i][d];
            }
        }

        var moved = false;
        for (var c = 0; c < centroids.Count; c++)
        {
            if (counts[c] == 0)
            {
                // Seeding only picks distinct points, so some point is away from its centroid while a cluster is empty.
                var farthest = Enumerable.Range(0, points.Count).MaxBy(i => Vectors.SquaredDistance(points[i], centroids[assignments[i]]));
                centroids[c] = (float[])points[farthest].Clone();
                assignments[farthest] = c;
                moved = true;
                continue;
            }

            for (var d = 0; d < dimensions; d++)
            {
                centroids[c][d] = (float)(sums[c, d] / counts[c]);
            }
        }

        return moved;
    }

    private static void Validate(IReadOnlyList<float[]> points)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("k-means needs at least one point.", nameof(points));
        }

        var dimensions = points[0]?.Length ?? 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] is not { } point || point.Length != dimensions || dimensions == 0 || !point.All(float.IsFinite))
            {
                throw new ArgumentException($"Point {i} is missing, empty, of another length than point 0 ({dimensions}), or not finite.", nameof(points));
            }
        }
    }
}
