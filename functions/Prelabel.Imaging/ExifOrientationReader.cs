using System.Buffers.Binary;

namespace Prelabel.Imaging;

/// <summary>Finds the EXIF Orientation tag (0x0112) in a PNG eXIf chunk (Skia reads JPEG and WebP orientation itself).</summary>
/// <remarks>Malformed or missing data yields 1 (as browsers do): orientation must never fail a decode.</remarks>
internal static class ExifOrientationReader
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>Contents of a PNG eXIf chunk: a TIFF header, though some writers keep JPEG's "Exif\0\0" prefix.</summary>
    public static int FromPngExif(ReadOnlySpan<byte> chunk) =>
        FromTiff(chunk.StartsWith("Exif\0\0"u8) ? chunk[6..] : chunk);

    public static int FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return 1;
        bool little;
        if (tiff.StartsWith("II"u8)) little = true;
        else if (tiff.StartsWith("MM"u8)) little = false;
        else return 1;
        if (U16(tiff, 2, little) != 42) return 1;
        long ifd = U32(tiff, 4, little);
        if (ifd < 8 || ifd + 2 > tiff.Length) return 1;
        int count = U16(tiff, (int)ifd, little);
        for (int k = 0; k < count; k++)
        {
            long entry = ifd + 2 + 12L * k;
            if (entry + 12 > tiff.Length) return 1;
            int e = (int)entry;
            if (U16(tiff, e, little) != OrientationTag) continue;
            int type = U16(tiff, e + 2, little);
            long value = type switch
            {
                3 => U16(tiff, e + 8, little), // SHORT, the standard type
                4 => U32(tiff, e + 8, little), // LONG, seen from sloppy writers
                _ => 0,
            };
            return value is >= 1 and <= 8 ? (int)value : 1;
        }
        return 1;
    }

    private static int U16(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);

    private static long U32(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
}
