using Prelabel.Imaging;

namespace Prelabel.Picture.Tests;

public sealed class CssColorTests
{
    [Theory]
    [InlineData("#ff8000", 255, 128, 0)]
    [InlineData("#F80", 255, 136, 0)]
    [InlineData("#ff800080", 255, 128, 0)]
    [InlineData("rgb(1, 2, 3)", 1, 2, 3)]
    [InlineData("rgba(10,20,30,0.5)", 10, 20, 30)]
    [InlineData(" Orange ", 255, 165, 0)]
    [InlineData("green", 0, 128, 0)]
    public void Config_colours_are_understood(string text, byte r, byte g, byte b)
    {
        Assert.True(CssColor.TryParse(text, out RgbColor color));
        Assert.Equal(new RgbColor(r, g, b), color);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#12")]
    [InlineData("#gggggg")]
    [InlineData("rgb(300, 0, 0)")]
    [InlineData("chartreuse-ish")]
    public void Other_text_is_not_a_colour(string? text)
    {
        Assert.False(CssColor.TryParse(text, out _));
    }
}
