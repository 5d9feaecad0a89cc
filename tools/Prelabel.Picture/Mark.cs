using System.Globalization;
using Prelabel.Imaging;
using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>
/// One region to draw, in pixels of the picture. Points: the corners of a box, a polygon's points, a keypoint's centre,
/// or the top-left of a brush mask's extent.
/// </summary>
internal sealed record Mark(string? Id, MarkKind Kind, string Label, double? Score, RgbColor Color, IReadOnlyList<SKPoint> Points)
{
    /// <summary>A keypoint's radius in pixels.</summary>
    public double Radius { get; init; }

    public BrushMask? Mask { get; init; }

    /// <summary>Per-region text (a TextArea result sharing the region's id).</summary>
    public string? Text { get; init; }

    /// <summary>"Label 0.87", then ": text" when the region has text.</summary>
    public string Caption
    {
        get
        {
            string caption = Score is { } s ? $"{Label} {s.ToString("0.00", CultureInfo.InvariantCulture)}" : Label;
            return Text is null ? caption : $"{caption}: {Text}";
        }
    }
}
