using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// One detected object in original-image pixels. Without <see cref="Rotation"/> the box is X1,Y1 (top-left) to X2,Y2.
/// With it, the box follows Label Studio's rectangle convention: X1,Y1 is the corner the box turns about,
/// X2 − X1 and Y2 − Y1 are its width and height before turning, and Rotation is in degrees, clockwise, in [0, 90).
/// </summary>
public sealed record YoloDetection(int ClassId, float Score, float X1, float Y1, float X2, float Y2)
{
    /// <summary>Degrees clockwise about (X1, Y1), for oriented boxes; null for axis-aligned ones.</summary>
    public float? Rotation { get; init; }

    /// <summary>Segmentation outline in original-image pixels (empty when the mask is empty); null for other tasks.</summary>
    public IReadOnlyList<Vector2>? Polygon { get; init; }

    /// <summary>Full-size segmentation mask, only when <see cref="YoloOptions.Masks"/> asked for it.</summary>
    public YoloMask? Mask { get; init; }

    public IReadOnlyList<YoloKeypoint>? Keypoints { get; init; }

    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    /// <summary>The four corners clockwise on screen, starting at (X1, Y1).</summary>
    public Vector2[] Corners()
    {
        var radians = (Rotation ?? 0f) * MathF.PI / 180f;
        var along = new Vector2(MathF.Cos(radians), MathF.Sin(radians)) * Width;
        var across = new Vector2(-MathF.Sin(radians), MathF.Cos(radians)) * Height;
        var origin = new Vector2(X1, Y1);
        return [origin, origin + along, origin + along + across, origin + across];
    }
}
