namespace Prelabel.Inference.Ocr;

/// <summary>
/// Four corners of a text region, clockwise on screen (y down) from the top-left.
/// "Width" runs along the top/bottom edges (the reading direction), "height" along the left/right edges.
/// </summary>
public readonly record struct Quad(PointF TopLeft, PointF TopRight, PointF BottomRight, PointF BottomLeft)
{
    /// <summary>Longer of the top and bottom edges (PaddleOCR's crop width), in pixels.</summary>
    public float Width => MathF.Max(TopLeft.DistanceTo(TopRight), BottomLeft.DistanceTo(BottomRight));

    /// <summary>Longer of the left and right edges (PaddleOCR's crop height), in pixels.</summary>
    public float Height => MathF.Max(TopLeft.DistanceTo(BottomLeft), TopRight.DistanceTo(BottomRight));

    public PointF Center => new(
        (TopLeft.X + TopRight.X + BottomRight.X + BottomLeft.X) / 4,
        (TopLeft.Y + TopRight.Y + BottomRight.Y + BottomLeft.Y) / 4);

    public float MinX => MathF.Min(MathF.Min(TopLeft.X, TopRight.X), MathF.Min(BottomRight.X, BottomLeft.X));

    public float MaxX => MathF.Max(MathF.Max(TopLeft.X, TopRight.X), MathF.Max(BottomRight.X, BottomLeft.X));

    public float MinY => MathF.Min(MathF.Min(TopLeft.Y, TopRight.Y), MathF.Min(BottomRight.Y, BottomLeft.Y));

    public float MaxY => MathF.Max(MathF.Max(TopLeft.Y, TopRight.Y), MathF.Max(BottomRight.Y, BottomLeft.Y));

    public PointF[] ToArray() => [TopLeft, TopRight, BottomRight, BottomLeft];

    public double Area() => Polygon.Area(ToArray());

    public double Perimeter() => Polygon.Perimeter(ToArray());

    /// <summary>Each corner clamped into [0, width] × [0, height] (the corners of the map or image).</summary>
    public Quad ClipTo(float width, float height) => new(
        Clip(TopLeft, width, height),
        Clip(TopRight, width, height),
        Clip(BottomRight, width, height),
        Clip(BottomLeft, width, height));

    /// <summary>Every coordinate multiplied, e.g. by imageWidth / mapWidth to go from the detector map to the image.</summary>
    public Quad Scale(float scaleX, float scaleY) => new(
        new PointF(TopLeft.X * scaleX, TopLeft.Y * scaleY),
        new PointF(TopRight.X * scaleX, TopRight.Y * scaleY),
        new PointF(BottomRight.X * scaleX, BottomRight.Y * scaleY),
        new PointF(BottomLeft.X * scaleX, BottomLeft.Y * scaleY));

    private static PointF Clip(PointF p, float width, float height) =>
        new(Math.Clamp(p.X, 0f, width), Math.Clamp(p.Y, 0f, height));
}
