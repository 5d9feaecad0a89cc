namespace Prelabel.Imaging;

/// <summary>The decompression-bomb check, run on header dimensions before any pixel buffer is allocated.</summary>
internal static class PixelLimit
{
    public static void Check(long width, long height, long maxPixels, string format)
    {
        if (width < 1 || height < 1)
            throw new ImageDecodeException($"{format} header declares an empty image ({width}x{height})");
        long pixels = width * height;
        if (pixels > maxPixels)
            throw new ImageDecodeException($"{format} image is {width}x{height} = {pixels} pixels, over the limit of {maxPixels} pixels");
        if (pixels * 3 > Array.MaxLength)
            throw new ImageDecodeException($"{format} image is {width}x{height}: too large for one RGB buffer");
    }
}
