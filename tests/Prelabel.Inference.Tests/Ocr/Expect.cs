using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

internal static class Expect
{
    public static void Near(float expected, float actual, float tolerance, string what = "value") =>
        Assert.True(MathF.Abs(expected - actual) <= tolerance, $"{what}: expected {expected} ± {tolerance}, got {actual}");

    public static void Near(PointF expected, PointF actual, float tolerance, string what = "point") =>
        Assert.True(expected.DistanceTo(actual) <= tolerance, $"{what}: expected {expected} ± {tolerance}, got {actual}");

    /// <summary>Side growth DB's unclip gives a w × h rectangle: d = area × ratio / perimeter on each side.</summary>
    /// <summary>
    /// Size of the rectangle fitted to a w × h rectangle rasterised at an angle: the hull of whole pixels sticks out by
    /// up to half a pixel diagonal, (|cos| + |sin|) / 2 across each side (none when axis-aligned on whole pixels).
    /// </summary>
    public static (float W, float H) DigitisedSize(float w, float h, float degrees)
    {
        var a = degrees * MathF.PI / 180;
        var extra = degrees % 90 == 0 ? 0 : MathF.Abs(MathF.Cos(a)) + MathF.Abs(MathF.Sin(a));
        return (w + extra, h + extra);
    }

    public static float UnclipDistance(float w, float h, float ratio = 1.5f) => w * h * ratio / (2 * (w + h));
}
