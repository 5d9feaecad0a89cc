using Prelabel.Imaging;
using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>Draws marks and captions in layers, anti-aliased: translucent areas, then outlines and points, then labels, then the caption band.</summary>
internal static class PredictionPainter
{
    private static readonly SKColor Halo = new(20, 20, 20);

    public static void Paint(SKCanvas canvas, int width, int height, IReadOnlyList<Mark> marks, IReadOnlyList<Caption> captions)
    {
        var style = PictureStyle.For(width, height);
        foreach (var mark in marks)
        {
            if (mark.Kind == MarkKind.Polygon)
            {
                using var fill = new SKPaint { Color = Skia(mark.Color).WithAlpha(Alpha(PictureStyle.AreaAlpha)), IsAntialias = true };
                using var area = Outline(mark.Points);
                canvas.DrawPath(area, fill);
            }
            if (mark is { Kind: MarkKind.Brush, Mask: { } mask }) DrawMask(canvas, mask, width, height, Skia(mark.Color));
        }
        foreach (var mark in marks)
        {
            if (mark.Kind is MarkKind.Box or MarkKind.Polygon)
            {
                using var line = new SKPaint
                {
                    Color = Skia(mark.Color), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = style.Thickness,
                    StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round,
                };
                using var outline = Outline(mark.Points);
                canvas.DrawPath(outline, line);
            }
            if (mark.Kind == MarkKind.Keypoint)
            {
                float radius = MathF.Max((float)mark.Radius, style.MinimumPointRadius);
                // A dark ring keeps a point visible on a background of its own colour.
                using var ring = new SKPaint { Color = Halo, IsAntialias = true };
                using var dot = new SKPaint { Color = Skia(mark.Color), IsAntialias = true };
                canvas.DrawCircle(mark.Points[0], radius + style.Thickness / 2, ring);
                canvas.DrawCircle(mark.Points[0], radius, dot);
            }
        }
        foreach (var mark in marks) DrawLabel(canvas, width, height, mark, style);

        float y = 0;
        foreach (var caption in captions)
        {
            var label = new TextLabel(caption.Text, style.TextSize);
            label.Draw(canvas, 0, y, Skia(caption.Background));
            y += label.Size.Height;
        }
    }

    /// <summary>The mask as an alpha-only bitmap, which Skia tints with the paint's colour, stretched over the picture.</summary>
    private static void DrawMask(SKCanvas canvas, BrushMask mask, int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(mask.Width, mask.Height, SKColorType.Alpha8, SKAlphaType.Premul));
        mask.Pixels.CopyTo(bitmap.GetPixelSpan());
        using var image = SKImage.FromBitmap(bitmap);
        using var paint = new SKPaint { Color = color.WithAlpha(Alpha(PictureStyle.BrushAlpha)) };
        canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Nearest), paint);
    }

    /// <summary>Above the region's top-left when there is room, else just inside it; always within the picture.</summary>
    private static void DrawLabel(SKCanvas canvas, int width, int height, Mark mark, PictureStyle style)
    {
        var label = new TextLabel(mark.Caption, style.TextSize);
        var (w, h) = label.Size;
        float left = mark.Points.Min(p => p.X), top = mark.Points.Min(p => p.Y);
        float x, y;
        if (mark.Kind == MarkKind.Keypoint)
        {
            float radius = MathF.Max((float)mark.Radius, style.MinimumPointRadius) + style.Thickness;
            (x, y) = (mark.Points[0].X + radius, mark.Points[0].Y - h / 2);
        }
        else
        {
            (x, y) = (left, top - h >= 0 ? top - h : top);
        }
        label.Draw(canvas, Math.Clamp(MathF.Round(x), 0, MathF.Max(0, width - w)), Math.Clamp(MathF.Round(y), 0, MathF.Max(0, height - h)), Skia(mark.Color));
    }

    private static SKPath Outline(IReadOnlyList<SKPoint> points)
    {
        var path = new SKPath();
        path.AddPoly([.. points], close: true);
        return path;
    }

    private static byte Alpha(float opacity) => (byte)MathF.Round(opacity * 255);

    public static SKColor Skia(RgbColor color) => new(color.R, color.G, color.B);
}
