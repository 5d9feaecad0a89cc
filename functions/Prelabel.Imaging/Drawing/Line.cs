namespace Prelabel.Imaging.Drawing;

/// <summary>A straight line of any angle and thickness with round ends, so the lines of a polygon join without gaps.</summary>
public static class Line
{
    public static void Draw(RgbImage image, ImagePoint from, ImagePoint to, RgbColor color, double thickness = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!double.IsFinite(from.X) || !double.IsFinite(from.Y) || !double.IsFinite(to.X) || !double.IsFinite(to.Y)) return;
        double r = Math.Max(thickness, 1) / 2;
        double dx = to.X - from.X, dy = to.Y - from.Y;
        double length = Math.Sqrt(dx * dx + dy * dy);
        double ux = length > 0 ? dx / length : 0, uy = length > 0 ? dy / length : 0;

        int top = (int)Math.Max(0, Math.Floor(Math.Min(from.Y, to.Y) - r));
        int bottom = (int)Math.Min(image.Height - 1, Math.Ceiling(Math.Max(from.Y, to.Y) + r));
        for (int row = top; row <= bottom; row++)
        {
            double y = row + 0.5;
            double left = double.PositiveInfinity, right = double.NegativeInfinity;
            Cap(from, y, r, ref left, ref right);
            Cap(to, y, r, ref left, ref right);
            if (length > 0)
            {
                // Points of the band: 0 <= along <= length and |across| <= r, both linear in x on this row.
                double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
                Between(ux, (y - from.Y) * uy - from.X * ux, 0, length, ref lo, ref hi);
                Between(-uy, (y - from.Y) * ux + from.X * uy, -r, r, ref lo, ref hi);
                if (lo <= hi)
                {
                    left = Math.Min(left, lo);
                    right = Math.Max(right, hi);
                }
            }
            // The shape is convex, so the row's covered part is one interval: the hull of the parts' intervals.
            SpanPainter.PaintCentres(image, row, left, right, color, 1);
        }
    }

    private static void Cap(ImagePoint centre, double y, double r, ref double left, ref double right)
    {
        double dy = y - centre.Y;
        if (Math.Abs(dy) > r) return;
        double half = Math.Sqrt(r * r - dy * dy);
        left = Math.Min(left, centre.X - half);
        right = Math.Max(right, centre.X + half);
    }

    /// <summary>Narrows [lo, hi] to the x where min &lt;= a*x + b &lt;= max.</summary>
    private static void Between(double a, double b, double min, double max, ref double lo, ref double hi)
    {
        if (Math.Abs(a) < 1e-12)
        {
            if (b < min || b > max) (lo, hi) = (1, 0);
            return;
        }
        double x1 = (min - b) / a, x2 = (max - b) / a;
        lo = Math.Max(lo, Math.Min(x1, x2));
        hi = Math.Min(hi, Math.Max(x1, x2));
    }
}
