using Prelabel.Imaging.Drawing;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class TextLabelTests
{
    private static readonly RgbColor Background = new(10, 200, 30);

    [Fact]
    public void The_box_is_the_text_plus_one_font_pixel_of_margin()
    {
        Assert.Equal((26, 18), TextLabel.Measure("Ab", 2));
    }

    [Fact]
    public void The_label_fills_its_box_with_text_on_background_and_touches_nothing_else()
    {
        var image = new RgbImage(40, 30);
        var (width, height) = TextLabel.Measure("Hi", 2);

        TextLabel.Draw(image, "Hi", 5, 6, RgbColor.White, Background, 2);

        var colours = new Dictionary<RgbColor, int>();
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                RgbColor c = image.GetPixel(x, y);
                bool inside = x >= 5 && x < 5 + width && y >= 6 && y < 6 + height;
                if (!inside) Assert.Equal(RgbColor.Black, c);
                else colours[c] = colours.GetValueOrDefault(c) + 1;
            }
        }
        Assert.Equal(new HashSet<RgbColor> { Background, RgbColor.White }, colours.Keys.ToHashSet());
        Assert.Equal(Background, image.GetPixel(5, 6));
        Assert.Equal(RgbColor.White, image.GetPixel(7, 8));
    }

    [Fact]
    public void Text_is_black_on_light_backgrounds_and_white_on_dark_ones()
    {
        Assert.Equal(RgbColor.Black, TextLabel.ContrastingText(new RgbColor(255, 255, 0)));
        Assert.Equal(RgbColor.White, TextLabel.ContrastingText(new RgbColor(0, 0, 128)));
    }
}
