namespace Prelabel.Inference.Ocr;

/// <summary>
/// A rectangle of <see cref="Width"/> along the direction at <see cref="Angle"/> radians from the x axis
/// (positive turns towards +y, i.e. clockwise on screen) and <see cref="Height"/> across it.
/// The angle is kept in (-π/4, π/4] so that "width" is the more horizontal side.
/// </summary>
public readonly record struct RotatedRectangle
{
    public RotatedRectangle(PointF center, float width, float height, float angle)
    {
        // Turning the frame by 90° swaps which side is called width; this keeps the labels stable.
        while (angle > MathF.PI / 4)
        {
            angle -= MathF.PI / 2;
            (width, height) = (height, width);
        }

        while (angle <= -MathF.PI / 4)
        {
            angle += MathF.PI / 2;
            (width, height) = (height, width);
        }

        Center = center;
        Width = width;
        Height = height;
        Angle = angle;
    }

    public PointF Center { get; }

    public float Width { get; }

    public float Height { get; }

    public float Angle { get; }

    public float ShortSide => MathF.Min(Width, Height);

    public float LongSide => MathF.Max(Width, Height);

    public double Area => (double)Width * Height;

    public double Perimeter => 2.0 * ((double)Width + Height);

    /// <summary>The same rectangle with every side pushed outwards by <paramref name="distance"/> pixels.</summary>
    public RotatedRectangle Grow(float distance) =>
        new(Center, Width + (2 * distance), Height + (2 * distance), Angle);

    public Quad ToQuad()
    {
        var u = new PointF(MathF.Cos(Angle), MathF.Sin(Angle)) * (Width / 2);
        var v = new PointF(-MathF.Sin(Angle), MathF.Cos(Angle)) * (Height / 2);
        return new Quad(Center - u - v, Center + u - v, Center + u + v, Center - u + v);
    }
}
