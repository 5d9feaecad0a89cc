namespace Prelabel.Inference.Ocr;

/// <summary>Measures of a simple polygon given as its vertices in order (either orientation).</summary>
public static class Polygon
{
    /// <summary>Unsigned area (shoelace), in square pixels.</summary>
    public static double Area(ReadOnlySpan<PointF> vertices)
    {
        double twice = 0;
        for (var i = 0; i < vertices.Length; i++)
        {
            var a = vertices[i];
            var b = vertices[(i + 1) % vertices.Length];
            twice += ((double)a.X * b.Y) - ((double)b.X * a.Y);
        }

        return Math.Abs(twice) / 2;
    }

    /// <summary>Length of the closed boundary, in pixels.</summary>
    public static double Perimeter(ReadOnlySpan<PointF> vertices)
    {
        if (vertices.Length < 2)
        {
            return 0;
        }

        double length = 0;
        for (var i = 0; i < vertices.Length; i++)
        {
            length += vertices[i].DistanceTo(vertices[(i + 1) % vertices.Length]);
        }

        return length;
    }
}
