namespace Prelabel.Imaging;

/// <summary>Recognises formats by magic bytes, including ones Prelabel does not read, so the error can name them.</summary>
internal static class FormatSniffer
{
    /// <summary>Null format when Prelabel does not read it; the name is for messages either way.</summary>
    public static (ImageFormat? Format, string Name) Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (ImageFormat.Jpeg, "JPEG");
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return (ImageFormat.Png, "PNG");
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return (ImageFormat.Webp, "WebP");
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return (ImageFormat.Gif, "GIF");
        if (data.StartsWith("BM"u8)) return (ImageFormat.Bmp, "BMP");
        return (null, Unsupported(data));
    }

    private static string Unsupported(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return "TIFF";
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = data[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8)) return "AVIF";
            return "HEIF/HEIC";
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, (byte)'j', (byte)'P'])) return "JPEG 2000";
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A])) return "JPEG XL";
        if (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0])) return "ICO";
        if (data.StartsWith("%PDF"u8)) return "PDF";
        if (data.StartsWith("<"u8) || data.StartsWith("\uFEFF<"u8)) return "SVG/XML/HTML";
        return "unrecognised, starts " + Convert.ToHexString(data[..Math.Min(8, data.Length)]);
    }
}
