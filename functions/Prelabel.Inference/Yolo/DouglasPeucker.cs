using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>Ramer-Douglas-Peucker simplification: drops points closer than a tolerance to the segment that would replace them.</summary>
public static class DouglasPeucker
{
    /// <summary>An open polyline; its first and last points are always kept.</summary>
    public static IReadOnlyList<Vector2> Simplify(IReadOnlyList<Vector2> line, float tolerance)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Count < 3)
        {
            return [.. line];
        }

        var keep = new bool[line.Count];
        Mark(line, 0, line.Count - 1, tolerance, keep);
        return Kept(line, keep, line.Count);
    }

    /// <summary>
    /// A closed ring (the last point joins the first; do not repeat it). It is split at its first point and the point
    /// farthest from it, which are both kept, and each half is simplified as a polyline.
    /// </summary>
    public static IReadOnlyList<Vector2> SimplifyClosed(IReadOnlyList<Vector2> ring, float tolerance)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.Count < 4)
        {
            return [.. ring];
        }

        var far = 0;
        for (var i = 1; i < ring.Count; i++)
        {
            if (Vector2.DistanceSquared(ring[i], ring[0]) > Vector2.DistanceSquared(ring[far], ring[0]))
            {
                far = i;
            }
        }

        var closed = new List<Vector2>(ring) { ring[0] };
        var keep = new bool[closed.Count];
        Mark(closed, 0, far, tolerance, keep);
        Mark(closed, far, closed.Count - 1, tolerance, keep);
        return Kept(closed, keep, ring.Count);
    }

    private static void Mark(IReadOnlyList<Vector2> points, int first, int last, float tolerance, bool[] keep)
    {
        keep[first] = keep[last] = true;
        var spans = new Stack<(int First, int Last)>();
        spans.Push((first, last));
        while (spans.TryPop(out var span))
        {
            var (worst, distance) = (-1, tolerance);
            for (var i = span.First + 1; i < span.Last; i++)
            {
                var d = DistanceToSegment(points[i], points[span.First], points[span.Last]);
                if (d > distance)
                {
                    (worst, distance) = (i, d);
                }
            }

            if (worst >= 0)
            {
                keep[worst] = true;
                spans.Push((span.First, worst));
                spans.Push((worst, span.Last));
            }
        }
    }

    private static Vector2[] Kept(IReadOnlyList<Vector2> points, bool[] keep, int count) =>
        Enumerable.Range(0, count).Where(i => keep[i]).Select(i => points[i]).ToArray();

    private static float DistanceToSegment(Vector2 p, Vector2 a, Vector2 b)
    {
        var ab = b - a;
        var lengthSquared = ab.LengthSquared();
        var t = lengthSquared == 0 ? 0 : Math.Clamp(Vector2.Dot(p - a, ab) / lengthSquared, 0, 1);
        return Vector2.Distance(p, a + ab * t);
    }
}
