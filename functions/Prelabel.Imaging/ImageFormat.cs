namespace Prelabel.Imaging;

/// <summary>Encoded formats <see cref="ImageDecoder"/> reads.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Gif,
    Bmp,
}
