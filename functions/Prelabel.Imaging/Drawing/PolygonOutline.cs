namespace Prelabel.Imaging.Drawing;

/// <summary>The closed outline of a polygon: every edge, including the one from the last point back to the first.</summary>
public static class PolygonOutline
{
    public static void Draw(RgbImage image, IReadOnlyList<ImagePoint> points, RgbColor color, double thickness = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 1) Line.Draw(image, points[0], points[0], color, thickness);
        for (int i = 0; i < points.Count && points.Count > 1; i++)
            Line.Draw(image, points[i], points[(i + 1) % points.Count], color, thickness);
    }
}
