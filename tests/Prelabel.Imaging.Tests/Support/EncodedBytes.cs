using System.Buffers.Binary;
using System.IO.Hashing;

namespace Prelabel.Imaging.Tests.Support;

/// <summary>Hand-made byte structures: EXIF blocks, JPEG APP1 / PNG chunks spliced into real files, bogus headers.</summary>
internal static class EncodedBytes
{
    /// <summary>A TIFF/EXIF block whose IFD0 has an ImageDescription entry, then Orientation.</summary>
    public static byte[] ExifTiff(int orientation, bool bigEndian)
    {
        var b = new byte[8 + 2 + 12 * 2 + 4];
        Action<int, ushort> u16 = bigEndian ? (i, v) => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(i), v) : (i, v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i), v);
        Action<int, uint> u32 = bigEndian ? (i, v) => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i), v) : (i, v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i), v);
        b[0] = b[1] = (byte)(bigEndian ? 'M' : 'I');
        u16(2, 42);
        u32(4, 8);
        u16(8, 2);
        u16(10, 0x010E); // ImageDescription, ASCII, 4 bytes inline
        u16(12, 2);
        u32(14, 4);
        "abc\0"u8.CopyTo(b.AsSpan(18));
        u16(22, 0x0112); // Orientation, SHORT
        u16(24, 3);
        u32(26, 1);
        u16(30, (ushort)orientation);
        u32(34, 0); // no next IFD
        return b;
    }

    /// <summary>Inserts an APP1 Exif segment after SOI (and after APP0 when present).</summary>
    public static byte[] WithJpegExif(byte[] jpeg, byte[] tiff)
    {
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0) at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        var segment = new List<byte> { 0xFF, 0xE1, 0, 0 };
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        var seg = segment.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(seg.AsSpan(2), (ushort)(seg.Length - 2));
        return [.. jpeg.AsSpan(0, at), .. seg, .. jpeg.AsSpan(at)];
    }

    /// <summary>Inserts an eXIf chunk straight after IHDR.</summary>
    public static byte[] WithPngExif(byte[] png, byte[] tiff) => [.. png.AsSpan(0, 33), .. PngChunk("eXIf", tiff), .. png.AsSpan(33)];

    public static byte[] PngChunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        for (int i = 0; i < 4; i++) chunk[4 + i] = (byte)type[i];
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>A real PNG whose IHDR (and its CRC) claims another size: a decompression bomb's header.</summary>
    public static byte[] WithPngSize(byte[] png, uint width, uint height)
    {
        var copy = (byte[])png.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32.HashToUInt32(copy.AsSpan(12, 17)));
        return copy;
    }

    /// <summary>Rewrites the frame size in the first SOF0/SOF2 segment.</summary>
    public static byte[] WithJpegFrameSize(byte[] jpeg, ushort width, ushort height)
    {
        var copy = (byte[])jpeg.Clone();
        for (int i = 2; i + 9 < copy.Length; i++)
        {
            if (copy[i] == 0xFF && (copy[i + 1] == 0xC0 || copy[i + 1] == 0xC2))
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), width);
                return copy;
            }
        }
        throw new InvalidOperationException("no SOF0/SOF2 marker");
    }
}
