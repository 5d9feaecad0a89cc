namespace Prelabel.Inference.Yolo;

/// <summary>A binary mask in original-image pixels: row-major, 0 (background) or 255 (object), as Label Studio's brush RLE expects.</summary>
public sealed class YoloMask
{
    public YoloMask(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"A {width}x{height} mask needs {(long)width * height} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public bool this[int x, int y] => Pixels[y * Width + x] != 0;

    public int Area => Pixels.Count(p => p != 0);
}
