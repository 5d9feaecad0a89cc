namespace Prelabel.Imaging.Drawing;

/// <summary>Paints one row of pixels, opaque or blended; every shape reduces to rows so clipping lives in one place.</summary>
internal static class SpanPainter
{
    /// <summary>Pixels first..last (inclusive) of <paramref name="row"/>, clipped to the image.</summary>
    public static void Paint(RgbImage image, int row, long first, long last, RgbColor color, double alpha)
    {
        if ((uint)row >= (uint)image.Height) return;
        int x0 = (int)Math.Max(0, first);
        int x1 = (int)Math.Min(image.Width - 1, last);
        if (x1 < x0) return;
        if (alpha >= 1)
        {
            image.Fill(color, x0, row, x1 - x0 + 1, 1);
            return;
        }
        if (alpha <= 0) return;
        Span<byte> pixels = image.Row(row).Slice(x0 * 3, (x1 - x0 + 1) * 3);
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = Blend(pixels[i], color.R, alpha);
            pixels[i + 1] = Blend(pixels[i + 1], color.G, alpha);
            pixels[i + 2] = Blend(pixels[i + 2], color.B, alpha);
        }
    }

    /// <summary>The pixels whose centres lie in [left, right].</summary>
    public static void PaintCentres(RgbImage image, int row, double left, double right, RgbColor color, double alpha)
    {
        if (!(left <= right)) return;
        Paint(image, row, Clamp(Math.Ceiling(left - 0.5)), Clamp(Math.Floor(right - 0.5)), color, alpha);
    }

    public static byte Blend(byte under, byte over, double alpha) =>
        (byte)Math.Clamp((int)Math.Round(under + (over - under) * alpha), 0, 255);

    private static long Clamp(double x) => (long)Math.Clamp(x, -1, int.MaxValue);
}
