namespace Prelabel.Inference.Ocr;

/// <summary>
/// Cuts a text line out of an image as an upright strip for the recogniser, as PaddleOCR's get_rotate_crop_image does:
/// the quad's top edge becomes the strip's top row, and a quad at least 1.5 times taller than wide is turned a quarter
/// turn counterclockwise (its top goes to the left) so that vertical lines read left to right.
/// </summary>
public static class QuadCrop
{
    /// <summary>PaddleOCR's threshold of height / width above which a line is taken as vertical.</summary>
    public const float VerticalAspect = 1.5f;

    /// <summary>Output size for a quad: the given height and the width that keeps the quad's aspect ratio, within [1, maxWidth].</summary>
    public static (int Width, int Height, bool Rotated) OutputSize(Quad quad, int targetHeight = 48, int maxWidth = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        var (along, across) = (quad.Width, quad.Height);
        var rotated = across >= VerticalAspect * along && across > 0;
        if (rotated)
        {
            (along, across) = (across, along);
        }

        // A flat quad has no aspect ratio: take it as a long line, or as a single column when it has no length either.
        var width = across > 0 ? Math.Round(targetHeight * (double)along / across, MidpointRounding.AwayFromZero)
            : along > 0 ? maxWidth : 1;
        return ((int)Math.Clamp(width, 1, maxWidth), targetHeight, rotated);
    }

    /// <param name="rgb">RGB24 pixels, rows of <paramref name="width"/> × 3 bytes.</param>
    /// <param name="quad">Corners in image pixel-edge coordinates (pixel (x, y) covers [x, x+1) × [y, y+1)).</param>
    public static TextCrop Sample(ReadOnlySpan<byte> rgb, int width, int height, Quad quad, int targetHeight = 48, int maxWidth = 2048)
    {
        var (outWidth, outHeight, _) = OutputSize(quad, targetHeight, maxWidth);
        var pixels = new byte[outWidth * outHeight * 3];
        SampleInto(rgb, width, height, quad, pixels, targetHeight, maxWidth);
        return new TextCrop(pixels, outWidth, outHeight);
    }

    /// <summary>Like <see cref="Sample"/>, into a caller-owned buffer of at least Width × Height × 3 bytes of <see cref="OutputSize"/>.</summary>
    /// <returns>The size written: rows of Width × 3 bytes from the start of <paramref name="destination"/>.</returns>
    public static (int Width, int Height) SampleInto(ReadOnlySpan<byte> rgb, int width, int height, Quad quad, Span<byte> destination, int targetHeight = 48, int maxWidth = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.Length < (long)width * height * 3)
        {
            throw new ArgumentException($"An RGB24 image of {width} × {height} needs {(long)width * height * 3} bytes, got {rgb.Length}.", nameof(rgb));
        }

        var (outWidth, outHeight, rotated) = OutputSize(quad, targetHeight, maxWidth);
        if (destination.Length < outWidth * outHeight * 3)
        {
            throw new ArgumentException($"A {outWidth} × {outHeight} crop needs {outWidth * outHeight * 3} bytes, the buffer has {destination.Length}.", nameof(destination));
        }

        // A quarter turn counterclockwise puts the old top-right corner at the top-left.
        var q = rotated ? new Quad(quad.TopRight, quad.BottomRight, quad.BottomLeft, quad.TopLeft) : quad;
        var o = 0;
        for (var j = 0; j < outHeight; j++)
        {
            var v = (j + 0.5f) / outHeight;
            var left = Lerp(q.TopLeft, q.BottomLeft, v);
            var right = Lerp(q.TopRight, q.BottomRight, v);
            for (var i = 0; i < outWidth; i++)
            {
                // Bilinear blend of the corners: exact for parallelograms, never singular for clipped or skewed quads.
                var p = Lerp(left, right, (i + 0.5f) / outWidth);
                SampleBilinear(rgb, width, height, p.X - 0.5f, p.Y - 0.5f, destination.Slice(o, 3));
                o += 3;
            }
        }

        return (outWidth, outHeight);
    }

    private static PointF Lerp(PointF a, PointF b, float t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    // (x, y) in pixel-centre coordinates; outside the image the border pixels repeat.
    private static void SampleBilinear(ReadOnlySpan<byte> rgb, int width, int height, float x, float y, Span<byte> destination)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var stride = width * 3;
        for (var c = 0; c < 3; c++)
        {
            var top = (rgb[(y0 * stride) + (x0 * 3) + c] * (1 - fx)) + (rgb[(y0 * stride) + (x1 * 3) + c] * fx);
            var bottom = (rgb[(y1 * stride) + (x0 * 3) + c] * (1 - fx)) + (rgb[(y1 * stride) + (x1 * 3) + c] * fx);
            destination[c] = (byte)Math.Clamp(MathF.Round((top * (1 - fy)) + (bottom * fy)), 0, 255);
        }
    }
}
