namespace Prelabel.Inference.Ocr;

/// <summary>Andrew's monotone chain. The hull has no repeated or collinear vertices and turns counterclockwise in x-right/y-up terms.</summary>
public static class ConvexHull
{
    public static PointF[] Compute(ReadOnlySpan<PointF> points)
    {
        var sorted = points.ToArray();
        Array.Sort(sorted, CompareXY);
        var hull = new PointF[Math.Max(2 * sorted.Length, 1)];
        var count = FromSorted(sorted, hull);
        return hull[..count];
    }

    /// <summary>Hull of points already sorted by <see cref="CompareXY"/>; <paramref name="hull"/> needs room for 2 × the point count.</summary>
    internal static int FromSorted(ReadOnlySpan<PointF> sorted, Span<PointF> hull)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            return 0;
        }

        var k = 0;
        for (var i = 0; i < n; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0)
            {
                k--;
            }

            hull[k++] = sorted[i];
        }

        var lowerEnd = k + 1;
        for (var i = n - 2; i >= 0; i--)
        {
            while (k >= lowerEnd && Cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0)
            {
                k--;
            }

            hull[k++] = sorted[i];
        }

        // The last point repeats the first; a set of identical points collapses to one.
        k--;
        if (k == 0 || (k == 2 && hull[0] == hull[1]))
        {
            return 1;
        }

        return k;
    }

    internal static int CompareXY(PointF a, PointF b)
    {
        var byX = a.X.CompareTo(b.X);
        return byX != 0 ? byX : a.Y.CompareTo(b.Y);
    }

    internal static double Cross(PointF o, PointF a, PointF b) =>
        (((double)a.X - o.X) * ((double)b.Y - o.Y)) - (((double)a.Y - o.Y) * ((double)b.X - o.X));
}
