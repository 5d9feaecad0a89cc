namespace Prelabel.Inference.Embeddings;

/// <summary>The few vector operations embeddings need, accumulated in double so long vectors do not lose precision.</summary>
public static class Vectors
{
    /// <summary>A unit-length copy; an all-zero vector stays zero because it has no direction to keep.</summary>
    /// <exception cref="ArgumentException">The vector holds NaN or infinity.</exception>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException("The vector holds NaN or infinite values.", nameof(vector));
        }

        var result = vector.ToArray();
        if (norm > 0)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (float)(result[i] / norm);
            }
        }

        return result;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        SameLength(a, b);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        SameLength(a, b);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    /// <summary>1 - cos(a, b), in 0..2; a zero vector is taken as orthogonal to everything (distance 1).</summary>
    public static double CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = Math.Sqrt(Dot(a, a) * Dot(b, b));
        return norms > 0 ? 1 - Math.Clamp(Dot(a, b) / norms, -1, 1) : 1;
    }

    private static void SameLength(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The vectors differ in length ({a.Length} and {b.Length}).");
        }
    }
}
