namespace Prelabel.Imaging.Drawing;

/// <summary>The inside of a polygon (even-odd rule, pixel centres), opaque or blended over the image.</summary>
public static class PolygonFill
{
    /// <param name="alpha">0 leaves the image as it is, 1 paints the colour over it.</param>
    public static void Draw(RgbImage image, IReadOnlyList<ImagePoint> points, RgbColor color, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3 || points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y))) return;
        int top = (int)Math.Max(0, Math.Ceiling(points.Min(p => p.Y) - 0.5));
        int bottom = (int)Math.Min(image.Height - 1, Math.Floor(points.Max(p => p.Y) - 0.5));
        var crossings = new List<double>();
        for (int row = top; row <= bottom; row++)
        {
            double y = row + 0.5;
            crossings.Clear();
            for (int i = 0; i < points.Count; i++)
            {
                ImagePoint a = points[i], b = points[(i + 1) % points.Count];
                // Half-open in y, so a vertex shared by two edges counts once.
                if ((a.Y <= y && y < b.Y) || (b.Y <= y && y < a.Y))
                    crossings.Add(a.X + (y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
            }
            crossings.Sort();
            for (int i = 0; i + 1 < crossings.Count; i += 2)
            {
                long first = (long)Math.Clamp(Math.Ceiling(crossings[i] - 0.5), -1, int.MaxValue);
                long last = (long)Math.Clamp(Math.Ceiling(crossings[i + 1] - 0.5), -1, int.MaxValue) - 1;
                SpanPainter.Paint(image, row, first, last, color, alpha);
            }
        }
    }
}
