using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

/// <summary>Seeded points around given centres, for clustering and classification tests.</summary>
internal static class Synthetic
{
    /// <summary>Unit vector along one axis of a space of <paramref name="dimensions"/>.</summary>
    public static float[] Axis(int axis, int dimensions)
    {
        var v = new float[dimensions];
        v[axis] = 1;
        return v;
    }

    /// <summary><paramref name="count"/> L2-normalised points, each the centre plus uniform noise of ±<paramref name="noise"/> per value.</summary>
    public static List<float[]> Blob(float[] centre, int count, float noise, Random random) =>
        Enumerable.Range(0, count)
            .Select(_ => Vectors.Normalized(centre.Select(c => c + noise * (2 * random.NextSingle() - 1)).ToArray()))
            .ToList();
}
