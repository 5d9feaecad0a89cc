using System.Buffers;

namespace Prelabel.Imaging;

/// <summary>
/// 8-bit RGB pixels (RGB24), row-major, no row padding: stride is Width * 3 bytes. Images made by the decoder, the
/// resizer and crops hold a buffer lent by <see cref="ArrayPool{T}"/>: disposing gives it back, so a page decoded per
/// request is not a new large-object-heap array each time. An image never disposed is only collected.
/// </summary>
public sealed class RgbImage : IDisposable
{
    // Above this the pool would round a buffer up to twice its size and keep it; a 12 MP photo DCT-scaled for OCR fits.
    private const int MaxPooledBytes = 32 << 20;

    // Not ArrayPool.Shared: it keeps a returned array in the returning thread's own slot, and with ONNX Runtime's
    // blocking runs spread over a dozen pool threads that held 180 MiB of page-sized buffers at 16 clients. This one
    // keeps what was in use at once, at most a few per size.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledBytes, 4 * Environment.ProcessorCount);

    private byte[]? _buffer;
    private readonly bool _pooled;

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
        _buffer = pixels;
    }

    private RgbImage(int width, int height, byte[] buffer, bool pooled)
    {
        Width = width;
        Height = height;
        _buffer = buffer;
        _pooled = pooled;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * 3;

    /// <summary>All rows, Stride * Height bytes; valid until the image is disposed.</summary>
    public Span<byte> Pixels => Buffer.AsSpan(0, Stride * Height);

    public Span<byte> Row(int y) => Buffer.AsSpan(y * Stride, Stride);

    public RgbColor GetPixel(int x, int y)
    {
        CheckPoint(x, y);
        int i = y * Stride + x * 3;
        var pixels = Pixels;
        return new RgbColor(pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    public void SetPixel(int x, int y, RgbColor color)
    {
        CheckPoint(x, y);
        int i = y * Stride + x * 3;
        var pixels = Pixels;
        pixels[i] = color.R;
        pixels[i + 1] = color.G;
        pixels[i + 2] = color.B;
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
            Span<byte> span = Buffer.AsSpan(row * Stride + x0 * 3, (x1 - x0) * 3);
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
            Buffer.AsSpan((y + row) * Stride + x * 3, width * 3).CopyTo(result.Row(row));
        return result;
    }

    public RgbImage Clone()
    {
        var copy = CreateUninitialized(Width, Height);
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    /// <summary>Gives a lent buffer back; the image cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer && _pooled) Pool.Return(buffer);
    }

    /// <summary>For decoders and resizers that overwrite every byte: a lent buffer, or one not zeroed when large.</summary>
    internal static RgbImage CreateUninitialized(int width, int height)
    {
        int bytes = ByteCount(width, height);
        return bytes <= MaxPooledBytes
            ? new RgbImage(width, height, Pool.Rent(bytes), pooled: true)
            : new RgbImage(width, height, GC.AllocateUninitializedArray<byte>(bytes), pooled: false);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(RgbImage));

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
