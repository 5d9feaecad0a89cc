namespace Prelabel.Picture;

/// <summary>The region shapes a picture draws, one per Label Studio image region type.</summary>
internal enum MarkKind
{
    Box,
    Polygon,
    Brush,
    Keypoint,
}
