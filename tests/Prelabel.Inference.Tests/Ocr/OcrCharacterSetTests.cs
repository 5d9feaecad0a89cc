using System.Text;
using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class OcrCharacterSetTests
{
    [Fact]
    public void Paddle_v4_dictionary_has_6623_lines_so_6625_classes_means_blank_lines_and_space()
    {
        var keys = OcrCharacterSet.Load(RepositoryFiles.PaddleKeys, 6625);

        Assert.Equal(6625, keys.ClassCount);
        Assert.True(keys.HasTrailingSpace);
        Assert.Equal("", keys[0]);
        Assert.Equal("'", keys[1]);
        Assert.Equal("疗", keys[2]);
        Assert.Equal("懮", keys[6623]);
        Assert.Equal(" ", keys[6624]);
    }

    [Fact]
    public void Paddle_v4_dictionary_without_space_fits_6624_classes()
    {
        var keys = OcrCharacterSet.Load(RepositoryFiles.PaddleKeys, 6624);

        Assert.False(keys.HasTrailingSpace);
        Assert.Equal("懮", keys[6623]);
    }

    [Theory]
    [InlineData(6623)]
    [InlineData(6626)]
    [InlineData(97)]
    public void Class_count_that_fits_neither_convention_is_refused_with_both_counts(int modelClasses)
    {
        var error = Assert.Throws<InvalidDataException>(() => OcrCharacterSet.Load(RepositoryFiles.PaddleKeys, modelClasses));

        Assert.Contains($"{modelClasses} classes", error.Message);
        Assert.Contains("6623 lines", error.Message);
        Assert.Contains("ppocr_keys_v1.txt", error.Message);
    }

    [Theory]
    [InlineData("a\nb\nc")]
    [InlineData("a\nb\nc\n")]
    [InlineData("a\r\nb\r\nc\r\n")]
    [InlineData("\uFEFFa\nb\nc")]
    public void Trailing_newline_line_endings_and_byte_order_mark_do_not_change_the_classes(string text)
    {
        var keys = OcrCharacterSet.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), 5);

        Assert.Equal(["", "a", "b", "c", " "], Enumerable.Range(0, keys.ClassCount).Select(i => keys[i]));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_stay_one_class()
    {
        var keys = OcrCharacterSet.Load(new MemoryStream(Encoding.UTF8.GetBytes("𝔸\né")), 3);

        Assert.Equal("𝔸", keys[1]);
        Assert.Equal("é", keys[2]);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        Assert.ThrowsAny<DecoderFallbackException>(() => OcrCharacterSet.Load(new MemoryStream([0x61, 0x0A, 0xFF, 0xFE, 0x0A]), 4));
    }
}
