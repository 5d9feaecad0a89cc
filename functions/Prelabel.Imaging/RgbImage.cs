namespace Prelabel.Imaging;

/// <summary>8-bit RGB pixels (RGB24), row-major, no row padding: stride is Width * 3 bytes.</summary>
public sealed class RgbImage
{
    /// <summary>A black image.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new byte[ByteCount(width, height)])
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> without copying; the image owns the array from then on.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = ByteCount(width, height);
        if (pixels.Length != expected)
            throw new ArgumentException($"expected {expected} bytes for {width}x{height} RGB24, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * 3;

    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    public RgbColor GetPixel(int x, int y)
    {
        CheckPoint(x, y);
        int i = y * Stride + x * 3;
        return new RgbColor(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    public void SetPixel(int x, int y, RgbColor color)
    {
        CheckPoint(x, y);
        int i = y * Stride + x * 3;
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
    }

    /// <summary>Fills the rectangle (clipped to the image) with one colour.</summary>
    public void Fill(RgbColor color, int x = 0, int y = 0, int width = int.MaxValue, int height = int.MaxValue)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = (int)Math.Min(Width, (long)x + width), y1 = (int)Math.Min(Height, (long)y + height);
        if (x1 <= x0 || y1 <= y0) return;
        Span<byte> pattern = stackalloc byte[3] { color.R, color.G, color.B };
        for (int row = y0; row < y1; row++)
        {
            Span<byte> span = Pixels.AsSpan(row * Stride + x0 * 3, (x1 - x0) * 3);
            for (int i = 0; i < span.Length; i += 3) pattern.CopyTo(span.Slice(i, 3));
        }
    }

    /// <summary>A copy of the rectangle, which must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width < 1 || height < 1 || (long)x + width > Width || (long)y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"crop {x},{y} {width}x{height} is outside the {Width}x{Height} image");
        var result = CreateUninitialized(width, height);
        for (int row = 0; row < height; row++)
            Pixels.AsSpan((y + row) * Stride + x * 3, width * 3).CopyTo(result.Row(row));
        return result;
    }

    public RgbImage Clone() => new(Width, Height, (byte[])Pixels.Clone());

    /// <summary>For decoders and resizers that overwrite every byte: skips zeroing large arrays.</summary>
    internal static RgbImage CreateUninitialized(int width, int height) =>
        new(width, height, GC.AllocateUninitializedArray<byte>(ByteCount(width, height)));

    private static int ByteCount(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        long bytes = (long)width * height * 3;
        if (bytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} RGB24 does not fit in one array");
        return (int)bytes;
    }

    private void CheckPoint(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"({x},{y}) is outside the {Width}x{Height} image");
    }
}
