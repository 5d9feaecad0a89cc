namespace Prelabel.Imaging;

/// <summary>Decoded, upright pixels plus the size a browser would display.</summary>
/// <param name="Image">Pixels with EXIF orientation already applied; smaller than the original when DCT scaling was used.</param>
/// <param name="OriginalWidth">Full-resolution width after EXIF orientation; Label Studio percentages are relative to this.</param>
/// <param name="OriginalHeight">Full-resolution height after EXIF orientation.</param>
/// <param name="Format">What the bytes were.</param>
/// <param name="ExifOrientation">EXIF orientation 1-8 found in the file (1 when absent).</param>
public sealed record DecodedImage(RgbImage Image, int OriginalWidth, int OriginalHeight, ImageFormat Format, int ExifOrientation) : IDisposable
{
    /// <summary>Gives the pixels' buffer back (see <see cref="RgbImage"/>).</summary>
    public void Dispose() => Image.Dispose();

    /// <summary>Image pixels per original pixel: the DCT scaling factor k/8, 1 for a full decode.</summary>
    public double Scale { get; init; } = 1.0;
}
