namespace Prelabel.Imaging;

/// <summary>A letterboxed image and the exact mapping between its pixels and the source's.</summary>
/// <param name="Image">The padded image (the requested width x height).</param>
/// <param name="SourceWidth">Width of the image that was letterboxed.</param>
/// <param name="SourceHeight">Height of the image that was letterboxed.</param>
/// <param name="ContentWidth">Width of the resized source inside <paramref name="Image"/>.</param>
/// <param name="ContentHeight">Height of the resized source inside <paramref name="Image"/>.</param>
/// <param name="PadLeft">Padding columns left of the content.</param>
/// <param name="PadTop">Padding rows above the content.</param>
public sealed record LetterboxResult(
    RgbImage Image, int SourceWidth, int SourceHeight, int ContentWidth, int ContentHeight, int PadLeft, int PadTop)
{
    /// <summary>Letterbox pixels per source pixel horizontally; differs slightly from <see cref="ScaleY"/> because the content is rounded to whole pixels.</summary>
    public double ScaleX => (double)ContentWidth / SourceWidth;

    /// <summary>Letterbox pixels per source pixel vertically.</summary>
    public double ScaleY => (double)ContentHeight / SourceHeight;

    /// <summary>A point in letterbox pixel coordinates (edges, not centres) to source pixel coordinates. Not clamped.</summary>
    public (double X, double Y) ToSource(double x, double y) =>
        ((x - PadLeft) * SourceWidth / ContentWidth, (y - PadTop) * SourceHeight / ContentHeight);

    /// <summary>A point in source pixel coordinates to letterbox pixel coordinates.</summary>
    public (double X, double Y) FromSource(double x, double y) =>
        (x * ContentWidth / SourceWidth + PadLeft, y * ContentHeight / SourceHeight + PadTop);
}
