namespace Prelabel.Inference.Ocr;

/// <summary>Smallest-area enclosing rectangle: convex hull, then rotating calipers over the hull's edges.</summary>
public static class MinAreaRectangle
{
    public static RotatedRectangle Fit(ReadOnlySpan<PointF> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("At least one point is needed.", nameof(points));
        }

        return FitHull(ConvexHull.Compute(points));
    }

    /// <summary>Fit to a hull as produced by <see cref="ConvexHull"/> (counterclockwise, no collinear vertices).</summary>
    internal static RotatedRectangle FitHull(ReadOnlySpan<PointF> hull)
    {
        var n = hull.Length;
        if (n == 1)
        {
            return new RotatedRectangle(hull[0], 0, 0, 0);
        }

        if (n == 2)
        {
            var d = hull[1] - hull[0];
            return new RotatedRectangle((hull[0] + hull[1]) * 0.5f, hull[0].DistanceTo(hull[1]), 0, MathF.Atan2(d.Y, d.X));
        }

        // For edge i with unit direction e and inward normal m, the calipers are:
        // right = vertex farthest along e, top = farthest along m, left = farthest against e.
        int right = 0, top = 0, left = 0;
        var bestArea = double.MaxValue;
        RotatedRectangle best = default;
        for (var i = 0; i < n; i++)
        {
            var origin = hull[i];
            var (ex, ey) = UnitDirection(origin, hull[(i + 1) % n]);
            double mx = -ey, my = ex;
            if (i == 0)
            {
                right = ArgMax(hull, origin, ex, ey);
                top = ArgMax(hull, origin, mx, my);
                left = ArgMax(hull, origin, -ex, -ey);
            }
            else
            {
                right = Advance(hull, right, origin, ex, ey);
                top = Advance(hull, top, origin, mx, my);
                left = Advance(hull, left, origin, -ex, -ey);
            }

            var maxE = Project(hull[right], origin, ex, ey);
            var minE = Project(hull[left], origin, ex, ey);
            var maxM = Project(hull[top], origin, mx, my);
            var area = (maxE - minE) * maxM;
            if (area < bestArea)
            {
                bestArea = area;
                var alongE = (minE + maxE) / 2;
                var center = new PointF((float)(origin.X + (ex * alongE) + (mx * maxM / 2)), (float)(origin.Y + (ey * alongE) + (my * maxM / 2)));
                best = new RotatedRectangle(center, (float)(maxE - minE), (float)maxM, (float)Math.Atan2(ey, ex));
            }
        }

        return best;
    }

    private static (double X, double Y) UnitDirection(PointF from, PointF to)
    {
        double dx = to.X - from.X, dy = to.Y - from.Y;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        return (dx / length, dy / length);
    }

    private static double Project(PointF p, PointF origin, double dx, double dy) =>
        ((p.X - origin.X) * dx) + ((p.Y - origin.Y) * dy);

    private static int ArgMax(ReadOnlySpan<PointF> hull, PointF origin, double dx, double dy)
    {
        var best = 0;
        var bestValue = double.MinValue;
        for (var j = 0; j < hull.Length; j++)
        {
            var value = Project(hull[j], origin, dx, dy);
            if (value > bestValue)
            {
                bestValue = value;
                best = j;
            }
        }

        return best;
    }

    // Projections along a convex polygon are unimodal and the caliper only turns forward, so the maximum only moves forward.
    private static int Advance(ReadOnlySpan<PointF> hull, int index, PointF origin, double dx, double dy)
    {
        var n = hull.Length;
        for (var steps = 0; steps < n; steps++)
        {
            var next = (index + 1) % n;
            if (Project(hull[next], origin, dx, dy) <= Project(hull[index], origin, dx, dy) + 1e-9)
            {
                break;
            }

            index = next;
        }

        return index;
    }
}
