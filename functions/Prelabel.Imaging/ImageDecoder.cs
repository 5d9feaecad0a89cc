namespace Prelabel.Imaging;

/// <summary>Turns JPEG or PNG bytes into upright RGB pixels. Thread-safe: every call has its own native decoder.</summary>
public static class ImageDecoder
{
    /// <exception cref="ImageDecodeException">Unsupported format, over <see cref="DecodeOptions.MaxPixels"/>, or corrupt data.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPixels, 1L, nameof(options.MaxPixels));
        if (encoded.IsEmpty) throw new ImageDecodeException("empty input: no image bytes");
        (ImageFormat? format, string name) = FormatSniffer.Sniff(encoded);
        return format switch
        {
            ImageFormat.Jpeg => JpegDecoder.Decode(encoded, options),
            ImageFormat.Png => PngDecoder.Decode(encoded, options),
            _ => throw new ImageDecodeException($"unsupported image format ({name}); Prelabel reads JPEG and PNG"),
        };
    }

    /// <summary>Format from the magic bytes alone, or null when Prelabel cannot read it.</summary>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> encoded) => FormatSniffer.Sniff(encoded).Format;
}
