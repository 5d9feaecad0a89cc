namespace Prelabel.Imaging.Drawing;

/// <summary>
/// A box in pixels with Label Studio's convention: (X, Y) is the top-left corner of the unrotated box and the box turns
/// <paramref name="Rotation"/> degrees clockwise (y points down) about that corner.
/// </summary>
public readonly record struct RotatedRectangle(double X, double Y, double Width, double Height, double Rotation)
{
    /// <summary>Top-left, top-right, bottom-right, bottom-left of the unrotated box, after rotation.</summary>
    public ImagePoint[] Corners()
    {
        double radians = Rotation * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        return
        [
            new(X, Y),
            new(X + Width * cos, Y + Width * sin),
            new(X + Width * cos - Height * sin, Y + Width * sin + Height * cos),
            new(X - Height * sin, Y + Height * cos),
        ];
    }

    public void Draw(RgbImage image, RgbColor color, double thickness = 1) =>
        PolygonOutline.Draw(image, Corners(), color, thickness);
}
