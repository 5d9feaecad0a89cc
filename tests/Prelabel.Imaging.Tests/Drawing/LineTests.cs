using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class LineTests
{
    [Fact]
    public void A_thin_horizontal_line_paints_exactly_the_pixels_between_its_ends()
    {
        var image = new RgbImage(30, 10);

        Line.Draw(image, new(10.5, 5.5), new(20.5, 5.5), RgbColor.White);

        var expected = Enumerable.Range(10, 11).Select(x => (x, 5)).ToHashSet();
        Assert.Equal(expected, Painted.All(image));
    }

    [Fact]
    public void A_thin_vertical_line_stays_in_its_column()
    {
        var image = new RgbImage(12, 25);

        Line.Draw(image, new(5.5, 0), new(5.5, 20), RgbColor.White);

        Assert.All(Enumerable.Range(0, 20), y => Assert.True(Painted.At(image, 5, y)));
        Assert.DoesNotContain(Painted.All(image), p => p.X != 5 || p.Y > 20);
    }

    [Fact]
    public void A_diagonal_line_has_no_gaps_and_stays_near_the_diagonal()
    {
        var image = new RgbImage(20, 20);

        Line.Draw(image, new(0.5, 0.5), new(15.5, 15.5), RgbColor.White);

        Assert.All(Enumerable.Range(0, 16), i => Assert.True(Painted.At(image, i, i), $"({i},{i})"));
        Assert.DoesNotContain(Painted.All(image), p => Math.Abs(p.X - p.Y) > 1);
        Assert.False(Painted.At(image, 17, 17));
    }

    [Fact]
    public void Thickness_widens_the_line_evenly_about_its_centre()
    {
        var image = new RgbImage(40, 20);

        Line.Draw(image, new(5, 10.5), new(30, 10.5), RgbColor.White, thickness: 5);

        Assert.All(Enumerable.Range(8, 5), y => Assert.True(Painted.At(image, 15, y), $"row {y}"));
        Assert.False(Painted.At(image, 15, 7));
        Assert.False(Painted.At(image, 15, 13));
    }

    [Fact]
    public void A_line_leaving_the_image_is_clipped()
    {
        var image = new RgbImage(20, 10);

        Line.Draw(image, new(-50, 5.5), new(50, 5.5), RgbColor.White, thickness: 1);

        Assert.Equal(Enumerable.Range(0, 20).Select(x => (x, 5)).ToHashSet(), Painted.All(image));
    }

    [Fact]
    public void A_line_of_zero_length_is_a_dot()
    {
        var image = new RgbImage(10, 10);

        Line.Draw(image, new(4.5, 4.5), new(4.5, 4.5), RgbColor.White, thickness: 1);

        Assert.Equal([(4, 4)], Painted.All(image));
    }
}
