namespace Prelabel.Inference.Embeddings;

/// <summary>What <see cref="KMeans.Fit"/> found.</summary>
/// <param name="Centroids">One mean per cluster; fewer than asked for when there are fewer distinct points.</param>
/// <param name="Assignments">For each input point, the index of its centroid.</param>
/// <param name="Inertia">Sum of squared Euclidean distances from the points to their centroids.</param>
/// <param name="Iterations">Lloyd iterations the kept attempt ran.</param>
public sealed record KMeansResult(IReadOnlyList<float[]> Centroids, IReadOnlyList<int> Assignments, double Inertia, int Iterations);
