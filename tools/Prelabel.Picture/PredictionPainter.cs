using Prelabel.Imaging;
using Prelabel.Imaging.Drawing;

namespace Prelabel.Picture;

/// <summary>Draws marks and captions in layers: translucent areas, then outlines and points, then labels, then the caption band.</summary>
internal static class PredictionPainter
{
    private static readonly RgbColor Halo = new(20, 20, 20);

    public static void Paint(RgbImage image, IReadOnlyList<Mark> marks, IReadOnlyList<Caption> captions)
    {
        var style = PictureStyle.For(image.Width, image.Height);
        foreach (var mark in marks)
        {
            if (mark.Kind == MarkKind.Polygon) PolygonFill.Draw(image, mark.Points, mark.Color, PictureStyle.AreaAlpha);
            if (mark is { Kind: MarkKind.Brush, Mask: { } mask }) MaskOverlay.Draw(image, mask.Pixels, mask.Width, mask.Height, mark.Color, PictureStyle.BrushAlpha);
        }
        foreach (var mark in marks)
        {
            if (mark.Kind is MarkKind.Box or MarkKind.Polygon) PolygonOutline.Draw(image, mark.Points, mark.Color, style.Thickness);
            if (mark.Kind == MarkKind.Keypoint)
            {
                double radius = Math.Max(mark.Radius, style.MinimumPointRadius);
                // A dark ring keeps a point visible on a background of its own colour.
                Disc.Draw(image, mark.Points[0], radius + style.Thickness / 2, Halo);
                Disc.Draw(image, mark.Points[0], radius, mark.Color);
            }
        }
        foreach (var mark in marks) DrawLabel(image, mark, style);

        int y = 0;
        foreach (var caption in captions)
        {
            TextLabel.Draw(image, caption.Text, 0, y, TextLabel.ContrastingText(caption.Background), caption.Background, style.TextScale);
            y += TextLabel.Measure(caption.Text, style.TextScale).Height;
        }
    }

    /// <summary>Above the region's top-left when there is room, else just inside it; always within the picture.</summary>
    private static void DrawLabel(RgbImage image, Mark mark, PictureStyle style)
    {
        string text = mark.Caption;
        var (width, height) = TextLabel.Measure(text, style.TextScale);
        double left = mark.Points.Min(p => p.X), top = mark.Points.Min(p => p.Y);
        double x, y;
        if (mark.Kind == MarkKind.Keypoint)
        {
            double radius = Math.Max(mark.Radius, style.MinimumPointRadius) + style.Thickness;
            (x, y) = (mark.Points[0].X + radius, mark.Points[0].Y - height / 2.0);
        }
        else
        {
            (x, y) = (left, top - height >= 0 ? top - height : top);
        }
        int ix = (int)Math.Clamp(Math.Round(x), 0, Math.Max(0, image.Width - width));
        int iy = (int)Math.Clamp(Math.Round(y), 0, Math.Max(0, image.Height - height));
        TextLabel.Draw(image, text, ix, iy, TextLabel.ContrastingText(mark.Color), mark.Color, style.TextScale);
    }
}
