using Prelabel.LabelStudio.Converters;

namespace Prelabel.LabelStudio.Tests;

/// <summary>
/// Vectors worked out by hand from the format (label_studio_sdk converter/brush.py, mask2rle). Every stream starts with
/// the 32-bit value count, then the same 21 header bits: word size - 1 = 7 → 00111, run-length field sizes - 1 for
/// [3, 4, 8, 16] → 0010 0011 0111 1111; "00111001 00011011 11111" = 57, 27 and five 1s that begin the next byte.
/// A run record is: 1 (repeat), a 2-bit size index, length - 1 in 3/4/8/16 bits, the 8-bit value; a single value is the
/// literal record 0 00 000 and the value. The SDK then pads with 8 - (bits % 8) zeros: 1 to 8, never none.
/// </summary>
public class BrushRleTests
{
    public static TheoryData<string, byte[], int, int, int[]> MaskVectors => new()
    {
        // 2x2 [255, 0, 0, 255] → 16 values: 255 ×4, 0 ×8, 255 ×4.
        //   N = 16 → 0 0 0 16; header bits as above.
        //   run 4 × 255: 1 00 011 11111111; run 8 × 0: 1 00 111 00000000; run 4 × 255: 1 00 011 11111111.
        //   53 + 3·14 = 95 bits → 1 padding zero → 96 bits.
        //   after 57, 27: 11111|100 = 252, 01111111 = 127, 111|10011 = 243, 10000000 = 128, 0|1000111 = 71, 1111111|0 = 254.
        { "a 2x2 diagonal", [255, 0, 0, 255], 2, 2, [0, 0, 0, 16, 57, 27, 252, 127, 243, 128, 71, 254] },
        // 3x1 all 255 → one run of 12: 1 01 1011 11111111 (4-bit field).
        //   53 + 15 = 68 bits → 4 padding zeros. 11111|101 = 253, 1011|1111 = 191, 1111|0000 = 240.
        { "a run of 9 to 16 values", [255, 255, 255], 3, 1, [0, 0, 0, 12, 57, 27, 253, 191, 240] },
        // 4x4 all 0 → one run of 64: 1 10 00111111 00000000 (8-bit field).
        //   53 + 19 = 72 bits, already whole bytes, so the SDK adds a whole zero byte.
        //   11111|110 = 254, 00111111 = 63, 00000000 = 0, padding 0.
        { "a stream ending on a byte boundary", new byte[16], 4, 4, [0, 0, 0, 64, 57, 27, 254, 63, 0, 0] },
        // 65x1 all 0 → one run of 260: 1 11 0000000100000011 00000000 (16-bit field, 259 = 0x0103).
        //   N = 260 = 0x104 → 0 0 1 4. 53 + 27 = 80 bits → a whole zero byte. 11111|111 = 255, 1, 3, 0, padding 0.
        { "a run of 257 to 65536 values", new byte[65], 65, 1, [0, 0, 1, 4, 57, 27, 255, 1, 3, 0, 0] },
        // 16385x1 all 0 → a run of 65540 values, longer than 65536: split into 65536 (field 0xFFFF) and a remainder of 4,
        // which keeps the 16-bit field (0000000000000011) instead of the 3-bit one.
        //   N = 65540 = 0x10004 → 0 1 0 4. 53 + 2·27 = 107 bits → 5 padding zeros.
        //   11111|111 = 255, 255, 255 (the 16 ones), 00000000 = 0, 111|00000 = 224, 00000000 = 0, 011|00000 = 96, 000|00000 = 0.
        { "a run longer than 65536 values", new byte[16385], 16385, 1, [0, 1, 0, 4, 57, 27, 255, 255, 255, 0, 224, 0, 96, 0] },
    };

    [Theory]
    [MemberData(nameof(MaskVectors))]
    public void Encode_matches_the_hand_built_sdk_stream(string _, byte[] mask, int width, int height, int[] rle)
    {
        Assert.Equal(rle, BrushRle.Encode(mask, width, height));
        Assert.Equal(mask, BrushRle.Decode(rle, width, height));
    }

    public static TheoryData<string, byte[], int[]> ValueVectors => new()
    {
        // [5] → N = 1; a single value is the literal record 0 00 000 00000101.
        //   53 + 14 = 67 bits → 5 padding zeros. 11111|000 = 248, 00000000 = 0, 101|00000 = 160.
        { "a single value", [5], [0, 0, 0, 1, 57, 27, 248, 0, 160] },
        // [7, 7, 9] → run 2 × 7: 1 00 001 00000111; single 9: 0 00 000 00001001.
        //   53 + 28 = 81 bits → 7 padding zeros.
        //   11111|100 = 252, 001|00000 = 32, 111|00000 = 224, 00000100 = 4, 1|0000000 = 128.
        { "a run then a single value", [7, 7, 9], [0, 0, 0, 3, 57, 27, 252, 32, 224, 4, 128] },
    };

    [Theory]
    [MemberData(nameof(ValueVectors))]
    public void Encode_values_matches_the_hand_built_sdk_stream_without_rgba_expansion(string _, byte[] values, int[] rle) =>
        Assert.Equal(rle, BrushRle.EncodeValues(values));

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 2)]
    [InlineData(64, 48, 3)]
    [InlineData(640, 480, 4)]
    [InlineData(333, 201, 5)]
    public void Random_masks_round_trip_and_match_encoding_the_rgba_expansion(int width, int height, int seed)
    {
        var random = new Random(seed);
        var mask = new byte[width * height];
        // Runs of random length, so every record size and the literal-free RGBA case all occur.
        for (var i = 0; i < mask.Length;)
        {
            var run = random.Next(4) switch { 0 => 1, 1 => random.Next(2, 5), 2 => random.Next(5, 70), _ => random.Next(70, 20000) };
            var value = (byte)(random.Next(2) * 255);
            for (var end = Math.Min(mask.Length, i + run); i < end; i++) mask[i] = value;
        }

        var rle = BrushRle.Encode(mask, width, height);

        Assert.Equal(mask, BrushRle.Decode(rle, width, height));
        Assert.Equal(BrushRle.EncodeValues(mask.SelectMany(v => new[] { v, v, v, v }).ToArray()), rle);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(255, 1, 1)]
    [InlineData(0, 300, 300)]
    [InlineData(255, 300, 300)]
    [InlineData(255, 128, 128)]
    [InlineData(0, 32768, 4)]
    public void Uniform_masks_round_trip_including_runs_longer_than_65536(byte value, int width, int height)
    {
        var mask = Enumerable.Repeat(value, width * height).ToArray();

        var rle = BrushRle.Encode(mask, width, height);

        Assert.Equal(mask, BrushRle.Decode(rle, width, height));
        // One 27-bit record per started 65536 values after the 53 header bits, then 1-8 padding bits.
        var records = Math.Max(1, (4L * width * height + 65535) / 65536);
        var bits = 53 + records * 27;
        if (width * height > 64) Assert.Equal((bits + 8 - bits % 8) / 8, rle.Length);
    }

    [Fact]
    public void A_mask_with_a_long_run_in_the_middle_round_trips()
    {
        var (width, height) = (400, 300);
        var mask = new byte[width * height];
        mask.AsSpan(1000, 90_000).Fill(255);
        mask[50_000] = 0;

        Assert.Equal(mask, BrushRle.Decode(BrushRle.Encode(mask, width, height), width, height));
    }

    // The editor's own encoder (rle-pack) also writes literal records of several values. 1x1 mask [255] as one literal
    // record of 4 words: 0 00 011, then 00000000 ×3 and 11111111.
    //   after 57, 27: 11111|000 = 248, 011|00000 = 96, 000|00000 = 0, 000|00000 = 0, 000|11111 = 31, 111|00000 = 224.
    [Fact]
    public void Decode_reads_a_literal_record_of_several_values()
    {
        Assert.Equal([255], BrushRle.Decode([0, 0, 0, 4, 57, 27, 248, 96, 0, 0, 31, 224], 1, 1));
    }

    public static TheoryData<string, int[], int, int> Malformed => new()
    {
        { "a count that is not width x height x 4", [0, 0, 0, 16, 57, 27, 252, 127, 243, 128, 71, 254], 3, 3 },
        { "a stream cut short", [0, 0, 0, 16, 57, 27, 252, 127, 243], 2, 2 },
        { "an item that is not a byte", [0, 0, 0, 16, 57, 27, 252, 127, 243, 128, 71, 300], 2, 2 },
        // 1x1 (4 values) whose first record claims 8: 1 00 111 11111111.
        { "a run past the announced count", [0, 0, 0, 4, 57, 27, 252, 255, 224], 1, 1 },
        { "nothing at all", [], 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Decode_refuses_a_malformed_stream(string _, int[] rle, int width, int height) =>
        Assert.Throws<FormatException>(() => BrushRle.Decode(rle, width, height));

    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(3, 2, 2)]
    [InlineData(0, 0, 1)]
    [InlineData(1, 1, -1)]
    public void Encode_refuses_a_mask_that_does_not_match_its_size(int length, int width, int height) =>
        Assert.ThrowsAny<ArgumentException>(() => BrushRle.Encode(new byte[length], width, height));
}
