using System.Buffers.Binary;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>An EXIF orientation tag spliced into a real JPEG by hand (exiftool is not installed).</summary>
internal static class ExifBytes
{
    /// <summary>A little-endian TIFF/EXIF block whose IFD0 holds only Orientation.</summary>
    public static byte[] OrientationTiff(int orientation)
    {
        var b = new byte[8 + 2 + 12 + 4];
        "II"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), 0x0112); // Orientation, SHORT, one value inline
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)orientation);
        return b;
    }

    /// <summary>Inserts an APP1 Exif segment after SOI (and after APP0 when present).</summary>
    public static byte[] WithJpegExif(byte[] jpeg, byte[] tiff)
    {
        var at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        byte[] segment = [0xFF, 0xE1, 0, 0, .. "Exif\0\0"u8, .. tiff];
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }
}
