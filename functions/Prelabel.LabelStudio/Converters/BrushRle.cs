namespace Prelabel.LabelStudio.Converters;

/// <summary>
/// Label Studio's brush RLE (label_studio_sdk converter/brush.py, itself thi.ng rle-pack): a bit stream of a 32-bit value
/// count, a 5-bit word size - 1 and four 4-bit run-length field sizes - 1, then one record per run, zero-padded to bytes.
/// The output is bit-exact with the SDK's mask2rle / encode_rle so masks look the same as ones exported by the SDK.
/// </summary>
public static class BrushRle
{
    private const int WordSize = 8;

    // Field widths for the run-length of a record, chosen by the 2-bit size index; the SDK always uses these.
    private static readonly int[] RleSizes = [3, 4, 8, 16];

    private const int LongestRun = 1 << 16;

    /// <summary>
    /// Encodes a row-major mask (0 background, 255 foreground; other bytes are kept as they are) as the editor stores it:
    /// every pixel repeated into the four RGBA channels.
    /// </summary>
    public static int[] Encode(ReadOnlySpan<byte> mask, int width, int height)
    {
        var pixels = CheckSize(width, height);
        if (mask.Length != pixels)
            throw new ArgumentException($"The mask has {mask.Length} bytes; a {width}x{height} mask needs {pixels}.", nameof(mask));
        var writer = Start(pixels * 4);
        // Runs of pixels are runs of RGBA values four times as long, so the expanded array is never built.
        for (var start = 0; start < mask.Length;)
        {
            var end = start + 1;
            while (end < mask.Length && mask[end] == mask[start]) end++;
            WriteRun(writer, 4L * (end - start), mask[start]);
            start = end;
        }
        return writer.Finish();
    }

    /// <summary>Encodes a flat value array as the SDK's encode_rle does (no RGBA expansion), e.g. for a mask already expanded.</summary>
    public static int[] EncodeValues(ReadOnlySpan<byte> values)
    {
        // The SDK's run finder fails on an empty array, so there is no reference output for it.
        if (values.IsEmpty) throw new ArgumentException("There are no values to encode.", nameof(values));
        var writer = Start(values.Length);
        for (var start = 0; start < values.Length;)
        {
            var end = start + 1;
            while (end < values.Length && values[end] == values[start]) end++;
            WriteRun(writer, end - start, values[start]);
            start = end;
        }
        return writer.Finish();
    }

    /// <summary>
    /// Decodes any rle-pack stream (also literal records, which the editor's own encoder writes) to the mask: the alpha
    /// channel, row-major. Throws <see cref="FormatException"/> for a stream that does not describe a width x height RGBA image.
    /// </summary>
    public static byte[] Decode(IReadOnlyList<int> rle, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rle);
        var pixels = CheckSize(width, height);
        var reader = new BitReader(rle);
        var count = reader.Read(32);
        // Checked before allocating, so a corrupt header cannot ask for gigabytes.
        if (count != 4L * pixels)
            throw new FormatException($"The RLE holds {count} values; a {width}x{height} RGBA mask has {4L * pixels}.");
        var wordSize = (int)reader.Read(5) + 1;
        Span<int> sizes = stackalloc int[4];
        for (var k = 0; k < 4; k++) sizes[k] = (int)reader.Read(4) + 1;

        var values = new byte[count];
        for (long i = 0; i < count;)
        {
            var repeat = reader.Read(1) == 1;
            var end = i + 1 + reader.Read(sizes[(int)reader.Read(2)]);
            if (end > count) throw new FormatException($"A run ends at value {end}, past the {count} values the header announces.");
            if (repeat)
            {
                values.AsSpan((int)i, (int)(end - i)).Fill(ReadWord(reader, wordSize));
                i = end;
            }
            else
            {
                for (; i < end; i++) values[i] = ReadWord(reader, wordSize);
            }
        }

        var alpha = new byte[pixels];
        for (var p = 0; p < pixels; p++) alpha[p] = values[4 * p + 3];
        return alpha;
    }

    private static int CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var pixels = (long)width * height;
        // The header holds the RGBA value count in 32 bits, and the decoded RGBA array must fit one .NET array.
        if (pixels * 4 > Array.MaxLength)
            throw new ArgumentException($"A {width}x{height} mask is too large for a brush RLE.");
        return (int)pixels;
    }

    private static BitWriter Start(long count)
    {
        var writer = new BitWriter();
        writer.Write((ulong)count, 32);
        writer.Write(WordSize - 1, 5);
        foreach (var size in RleSizes) writer.Write((ulong)(size - 1), 4);
        return writer;
    }

    // Mirrors the SDK's record choice exactly, including its quirks, because any other valid choice changes the bytes:
    // a run of one is a literal record, longer runs take the smallest field that holds length - 1, and a run longer than
    // 65536 is cut into 65536-long records whose remainder always keeps the 16-bit field, even when it is short.
    private static void WriteRun(BitWriter writer, long length, byte value)
    {
        if (length == 1)
        {
            WriteRecord(writer, repeat: false, sizeIndex: 0, length, value);
            return;
        }
        if (length <= LongestRun)
        {
            var sizeIndex = length <= 8 ? 0 : length <= 16 ? 1 : length <= 256 ? 2 : 3;
            WriteRecord(writer, repeat: true, sizeIndex, length, value);
            return;
        }
        for (; length > LongestRun; length -= LongestRun)
            WriteRecord(writer, repeat: true, sizeIndex: 3, LongestRun, value);
        WriteRecord(writer, repeat: true, sizeIndex: 3, length, value);
    }

    private static void WriteRecord(BitWriter writer, bool repeat, int sizeIndex, long length, byte value)
    {
        writer.Write(repeat ? 1UL : 0UL, 1);
        writer.Write((ulong)sizeIndex, 2);
        writer.Write((ulong)(length - 1), RleSizes[sizeIndex]);
        writer.Write(value, WordSize);
    }

    private static byte ReadWord(BitReader reader, int wordSize)
    {
        var word = reader.Read(wordSize);
        if (word > byte.MaxValue) throw new FormatException($"The RLE holds the value {word}; a mask value is 0-255.");
        return (byte)word;
    }

    private sealed class BitWriter
    {
        private readonly List<int> _bytes = [];
        private int _pending;
        private int _pendingBits;

        public void Write(ulong value, int bits)
        {
            for (var b = bits - 1; b >= 0; b--)
            {
                _pending = (_pending << 1) | (int)((value >> b) & 1);
                if (++_pendingBits == 8) Flush();
            }
        }

        // The SDK pads with 8 - (bits % 8) zeros, so a stream that already ends on a byte boundary gains a whole zero byte.
        public int[] Finish()
        {
            Write(0, 8 - _pendingBits);
            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add(_pending);
            _pending = 0;
            _pendingBits = 0;
        }
    }

    private sealed class BitReader(IReadOnlyList<int> bytes)
    {
        private long _position;

        public long Read(int bits)
        {
            long value = 0;
            for (var b = 0; b < bits; b++, _position++)
            {
                var index = (int)(_position >> 3);
                if (index >= bytes.Count) throw new FormatException("The RLE ends before its last run.");
                var current = bytes[index];
                if (current is < 0 or > 255) throw new FormatException($"The RLE item {current} at {index} is not a byte (0-255).");
                value = (value << 1) | (long)((current >> (7 - (int)(_position & 7))) & 1);
            }
            return value;
        }
    }
}
