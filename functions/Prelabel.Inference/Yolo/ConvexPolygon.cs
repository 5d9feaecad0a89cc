using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>Areas of convex polygons and of their intersection (Sutherland-Hodgman clipping), for oriented-box IoU.</summary>
internal static class ConvexPolygon
{
    /// <summary>Shoelace area, signed: positive when the points run clockwise on screen (y down).</summary>
    public static float SignedArea(ReadOnlySpan<Vector2> points)
    {
        var twice = 0f;
        for (var i = 0; i < points.Length; i++)
        {
            var (p, q) = (points[i], points[(i + 1) % points.Length]);
            twice += p.X * q.Y - q.X * p.Y;
        }

        return twice / 2;
    }

    public static float IntersectionArea(Vector2[] subject, Vector2[] clip)
    {
        var orientation = MathF.Sign(SignedArea(clip));
        if (orientation == 0 || SignedArea(subject) == 0)
        {
            return 0;
        }

        var polygon = new List<Vector2>(subject);
        for (var e = 0; e < clip.Length && polygon.Count > 0; e++)
        {
            var (from, to) = (clip[e], clip[(e + 1) % clip.Length]);
            float Side(Vector2 p) => orientation * Cross(to - from, p - from);
            var input = polygon;
            polygon = new List<Vector2>(input.Count + 2);
            for (var i = 0; i < input.Count; i++)
            {
                var (current, next) = (input[i], input[(i + 1) % input.Count]);
                var (sc, sn) = (Side(current), Side(next));
                if (sc >= 0)
                {
                    polygon.Add(current);
                }

                if ((sc >= 0) != (sn >= 0))
                {
                    polygon.Add(current + (next - current) * (sc / (sc - sn)));
                }
            }
        }

        return polygon.Count < 3 ? 0 : MathF.Abs(SignedArea(polygon.ToArray()));
    }

    private static float Cross(Vector2 a, Vector2 b) => a.X * b.Y - a.Y * b.X;
}
