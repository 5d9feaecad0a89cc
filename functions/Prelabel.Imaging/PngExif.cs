using System.Buffers.Binary;

namespace Prelabel.Imaging;

/// <summary>The EXIF orientation in a PNG's eXIf chunk, found by walking chunk headers (no decompression); 1 when absent or malformed.</summary>
internal static class PngExif
{
    public static int Orientation(ReadOnlySpan<byte> png)
    {
        long i = 8; // after the signature
        while (i + 8 <= png.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(png[(int)i..]);
            ReadOnlySpan<byte> type = png.Slice((int)i + 4, 4);
            long dataStart = i + 8;
            if (length > int.MaxValue || dataStart + length > png.Length) break; // truncated: the decoder reports that
            if (type.SequenceEqual("eXIf"u8)) return ExifOrientationReader.FromPngExif(png.Slice((int)dataStart, (int)length));
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) break; // only an eXIf before the image data counts, so a large file is not walked to its end
            i = dataStart + length + 4; // + CRC
        }
        return 1;
    }
}
