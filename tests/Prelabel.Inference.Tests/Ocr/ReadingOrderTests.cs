using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class ReadingOrderTests
{
    [Fact]
    public void Lines_are_read_in_rows_from_the_top_and_left_to_right_in_a_row()
    {
        DetectedText[] lines = [Line("c", 10, 100), Line("b", 200, 8), Line("a", 10, 12), Line("d", 150, 104)];

        var ordered = ReadingOrder.Sort(lines);

        Assert.Equal("abcd", Names(ordered));
    }

    [Theory]
    [InlineData(9f, "ab")]
    [InlineData(10f, "ab")]
    [InlineData(11f, "ba")]
    public void Lines_share_a_row_while_their_centres_are_within_half_a_line_height(float drop, string expected)
    {
        // Line height 20: "a" sits further right but lower by `drop` pixels.
        DetectedText[] lines = [Line("a", 10, 50 + drop), Line("b", 200, 50)];

        Assert.Equal(expected, Names(ReadingOrder.Sort(lines)));
    }

    [Fact]
    public void Rows_are_anchored_on_their_first_line_so_a_slope_does_not_chain_rows_together()
    {
        // Each line 8 px lower than the previous, tolerance 10: the third starts a new row.
        DetectedText[] lines = [Line("a", 300, 0), Line("b", 200, 8), Line("c", 100, 16)];

        Assert.Equal("bac", Names(ReadingOrder.Sort(lines)));
    }

    [Fact]
    public void No_lines_give_no_lines()
    {
        Assert.Empty(ReadingOrder.Sort([]));
    }

    private static DetectedText Line(string name, float x, float y) =>
        new(new Quad(new(x, y), new(x + 80, y), new(x + 80, y + 20), new(x, y + 20)), name[0] / 1000f);

    private static string Names(IEnumerable<DetectedText> lines) =>
        string.Concat(lines.Select(line => (char)MathF.Round(line.Score * 1000)));
}
