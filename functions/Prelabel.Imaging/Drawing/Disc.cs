namespace Prelabel.Imaging.Drawing;

/// <summary>A filled circle, e.g. a keypoint.</summary>
public static class Disc
{
    public static void Draw(RgbImage image, ImagePoint centre, double radius, RgbColor color)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!double.IsFinite(centre.X) || !double.IsFinite(centre.Y) || !(radius > 0)) return;
        int top = (int)Math.Max(0, Math.Floor(centre.Y - radius));
        int bottom = (int)Math.Min(image.Height - 1, Math.Ceiling(centre.Y + radius));
        for (int row = top; row <= bottom; row++)
        {
            double dy = row + 0.5 - centre.Y;
            if (Math.Abs(dy) > radius) continue;
            double half = Math.Sqrt(radius * radius - dy * dy);
            SpanPainter.PaintCentres(image, row, centre.X - half, centre.X + half, color, 1);
        }
    }
}
