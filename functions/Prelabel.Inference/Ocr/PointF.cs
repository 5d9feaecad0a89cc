namespace Prelabel.Inference.Ocr;

/// <summary>A point in pixel-edge coordinates: pixel (x, y) covers [x, x+1) × [y, y+1), y grows downwards.</summary>
public readonly record struct PointF(float X, float Y)
{
    public static PointF operator +(PointF a, PointF b) => new(a.X + b.X, a.Y + b.Y);

    public static PointF operator -(PointF a, PointF b) => new(a.X - b.X, a.Y - b.Y);

    public static PointF operator *(PointF a, float k) => new(a.X * k, a.Y * k);

    public float DistanceTo(PointF other) => MathF.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}
