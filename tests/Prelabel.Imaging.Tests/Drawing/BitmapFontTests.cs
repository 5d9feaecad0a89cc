using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class BitmapFontTests
{
    [Fact]
    public void Every_printable_character_but_space_has_ink()
    {
        for (char c = '!'; c <= '~'; c++)
            Assert.True(Ink(c).Count > 0, $"'{c}'");
        Assert.Empty(Ink(' '));
    }

    [Fact]
    public void Letters_have_their_familiar_shapes()
    {
        Assert.Equal([(1, 0), (2, 0), (3, 0)], Ink('A').Where(p => p.Row == 0));
        Assert.Equal(Enumerable.Range(0, 7).Select(r => (2, r)), Ink('|'));
        Assert.Equal(Enumerable.Range(0, 5).Select(c => (c, 6)), Ink('L').Where(p => p.Row == 6));
    }

    [Fact]
    public void Characters_outside_ascii_look_like_a_question_mark()
    {
        Assert.Equal(Ink('?'), Ink('é'));
        Assert.Equal(Ink('?'), Ink('文'));
    }

    [Fact]
    public void Measure_counts_glyphs_and_gaps_at_the_scale()
    {
        Assert.Equal((22, 14), BitmapFont.Measure("Ab", 2));
        Assert.Equal((5, 7), BitmapFont.Measure("x", 1));
        Assert.Equal((0, 21), BitmapFont.Measure("", 3));
    }

    [Fact]
    public void Drawing_scales_each_font_pixel_to_a_square()
    {
        var image = new RgbImage(20, 20);

        BitmapFont.Draw(image, "|", 1, 2, RgbColor.White, 2);

        var expected = (from y in Enumerable.Range(2, 14) from x in new[] { 5, 6 } select (x, y)).ToHashSet();
        Assert.Equal(expected, Painted.All(image));
    }

    [Fact]
    public void The_second_glyph_starts_one_advance_later()
    {
        var image = new RgbImage(20, 10);

        BitmapFont.Draw(image, "||", 0, 0, RgbColor.White, 1);

        Assert.True(Painted.At(image, 2, 0));
        Assert.True(Painted.At(image, 2 + BitmapFont.Advance, 0));
        Assert.Equal(14, Painted.All(image).Count);
    }

    private static List<(int Column, int Row)> Ink(char c) =>
        (from row in Enumerable.Range(0, BitmapFont.GlyphHeight)
         from column in Enumerable.Range(0, BitmapFont.GlyphWidth)
         where BitmapFont.IsInked(c, column, row)
         orderby row, column
         select (column, row)).ToList();
}
