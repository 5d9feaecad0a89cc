using System.Buffers.Binary;

namespace Prelabel.Imaging;

/// <summary>Walks PNG chunk headers (no decompression) for what libspng's decode call does not report: EXIF orientation and tRNS.</summary>
internal static class PngChunkScanner
{
    public static (int Orientation, bool HasTransparencyChunk) Scan(ReadOnlySpan<byte> png)
    {
        int orientation = 1;
        bool trns = false;
        long i = 8; // after the signature
        while (i + 8 <= png.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(png[(int)i..]);
            ReadOnlySpan<byte> type = png.Slice((int)i + 4, 4);
            long dataStart = i + 8;
            if (length > int.MaxValue || dataStart + length > png.Length) break; // truncated: spng reports that properly
            ReadOnlySpan<byte> data = png.Slice((int)dataStart, (int)length);
            if (type.SequenceEqual("eXIf"u8)) orientation = ExifOrientationReader.FromPngExif(data);
            else if (type.SequenceEqual("tRNS"u8)) trns = true;
            else if (type.SequenceEqual("IEND"u8)) break;
            i = dataStart + length + 4; // + CRC
        }
        return (orientation, trns);
    }
}
