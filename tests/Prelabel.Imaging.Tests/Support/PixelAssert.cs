namespace Prelabel.Imaging.Tests.Support;

internal static class PixelAssert
{
    public static void Near(RgbColor expected, RgbColor actual, int tolerance, string where = "")
    {
        bool ok = Math.Abs(expected.R - actual.R) <= tolerance
            && Math.Abs(expected.G - actual.G) <= tolerance
            && Math.Abs(expected.B - actual.B) <= tolerance;
        Assert.True(ok, $"expected {expected} ±{tolerance}, got {actual} {where}");
    }

    /// <summary>The upright quadrant image: red top-left, lime top-right, blue bottom-left, white bottom-right.</summary>
    public static void Quadrants(RgbImage image, int tolerance)
    {
        int w = image.Width, h = image.Height;
        Near(TestImages.Red, image.GetPixel(w / 4, h / 4), tolerance, "top-left");
        Near(TestImages.Lime, image.GetPixel(3 * w / 4, h / 4), tolerance, "top-right");
        Near(TestImages.Blue, image.GetPixel(w / 4, 3 * h / 4), tolerance, "bottom-left");
        Near(TestImages.White, image.GetPixel(3 * w / 4, 3 * h / 4), tolerance, "bottom-right");
    }
}
