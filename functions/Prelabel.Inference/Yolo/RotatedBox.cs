using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>An Ultralytics xywhr box: centre, width along the angle, height across it, angle in radians clockwise on screen.</summary>
internal readonly record struct RotatedBox(Vector2 Centre, float Width, float Height, float Angle)
{
    private static readonly float QuarterTurn = MathF.PI / 2;

    /// <summary>
    /// The box from input to original pixels. The two axes scale by slightly different factors (whole-pixel letterbox
    /// content), so the half-axis vectors are mapped and measured rather than the sizes scaled.
    /// </summary>
    public RotatedBox ToOriginal(InputFrame frame)
    {
        var (sx, sy) = ((float)frame.ScaleX, (float)frame.ScaleY);
        var along = new Vector2(MathF.Cos(Angle) * sx, MathF.Sin(Angle) * sy) * Width;
        var across = new Vector2(-MathF.Sin(Angle) * sx, MathF.Cos(Angle) * sy) * Height;
        return new RotatedBox(frame.ToOriginal(Centre.X, Centre.Y), along.Length(), across.Length(), MathF.Atan2(along.Y, along.X));
    }

    /// <summary>
    /// Label Studio's form of the same rectangle. Of its four equivalent descriptions (turning by a quarter swaps width
    /// and height) the one with rotation in [0°, 90°) is taken, so an upright box gets rotation 0 and its top-left
    /// corner, and a turned one turns about its topmost corner.
    /// </summary>
    public YoloDetection ToDetection(int classId, float score)
    {
        var angle = Angle % MathF.PI;
        if (angle < 0) angle += MathF.PI;
        var (width, height) = (Width, Height);
        if (angle >= QuarterTurn)
        {
            (width, height, angle) = (height, width, angle - QuarterTurn);
        }

        var along = new Vector2(MathF.Cos(angle), MathF.Sin(angle));
        var across = new Vector2(-along.Y, along.X);
        var corner = Centre - along * (width / 2) - across * (height / 2);
        var degrees = angle * 180 / MathF.PI;
        return new YoloDetection(classId, score, corner.X, corner.Y, corner.X + width, corner.Y + height)
        {
            Rotation = degrees,
        };
    }
}
