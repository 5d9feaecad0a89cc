namespace Prelabel.Imaging;

/// <summary>Refuses progressive JPEGs with over 500 scans before decoding: each scan walks the whole image again, so a
/// small file could cost minutes of CPU (the limit libjpeg-turbo's TJFLAG_LIMITSCANS uses; Skia sets none).</summary>
internal static class JpegScanLimit
{
    public const int MaxScans = 500;

    public static void Check(ReadOnlySpan<byte> jpeg)
    {
        // Entropy-coded data never holds FF DA (an FF there is always followed by 00 or a restart marker), so this counts SOS markers.
        int scans = 0;
        for (int at = jpeg.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]); at >= 0; at = jpeg.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]))
        {
            if (++scans > MaxScans) throw new ImageDecodeException($"JPEG has more than {MaxScans} scans: refused as a decoding-time bomb");
            jpeg = jpeg[(at + 2)..];
        }
    }
}
