namespace Prelabel.Imaging.Drawing;

/// <summary>A row-major mask (0 outside; 255 fully inside) blended over the image, stretched to the image's size when they differ.</summary>
public static class MaskOverlay
{
    /// <param name="alpha">Opacity where the mask is 255; lower mask values blend proportionally less.</param>
    public static void Draw(RgbImage image, ReadOnlySpan<byte> mask, int maskWidth, int maskHeight, RgbColor color, double alpha)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(maskWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maskHeight, 1);
        if (mask.Length != (long)maskWidth * maskHeight)
            throw new ArgumentException($"the mask has {mask.Length} bytes; {maskWidth}x{maskHeight} needs {(long)maskWidth * maskHeight}", nameof(mask));
        Span<int> columns = image.Width <= 16384 ? stackalloc int[image.Width] : new int[image.Width];
        for (int x = 0; x < image.Width; x++) columns[x] = (int)((x + 0.5) * maskWidth / image.Width);
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> maskRow = mask.Slice((int)((y + 0.5) * maskHeight / image.Height) * maskWidth, maskWidth);
            for (int x = 0; x < image.Width; x++)
            {
                byte m = maskRow[columns[x]];
                if (m != 0) SpanPainter.Paint(image, y, x, x, color, alpha * m / 255.0);
            }
        }
    }
}
