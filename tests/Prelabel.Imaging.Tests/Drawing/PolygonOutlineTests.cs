using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class PolygonOutlineTests
{
    [Fact]
    public void A_square_outline_paints_its_edges_and_not_its_inside()
    {
        var image = new RgbImage(16, 16);
        ImagePoint[] square = [new(2.5, 2.5), new(12.5, 2.5), new(12.5, 12.5), new(2.5, 12.5)];

        PolygonOutline.Draw(image, square, RgbColor.White);

        for (int i = 2; i <= 12; i++)
        {
            Assert.True(Painted.At(image, i, 2), $"top {i}");
            Assert.True(Painted.At(image, i, 12), $"bottom {i}");
            Assert.True(Painted.At(image, 2, i), $"left {i}");
            Assert.True(Painted.At(image, 12, i), $"right {i}");
        }
        Assert.Equal(40, Painted.All(image).Count);
    }

    [Fact]
    public void The_outline_closes_from_the_last_point_back_to_the_first()
    {
        var image = new RgbImage(20, 20);

        PolygonOutline.Draw(image, [new(2.5, 2.5), new(15.5, 2.5), new(2.5, 15.5)], RgbColor.White);

        Assert.True(Painted.At(image, 8, 9), "hypotenuse, drawn last to first");
        Assert.True(Painted.At(image, 2, 9), "left edge");
        Assert.False(Painted.At(image, 5, 5), "inside");
        Assert.False(Painted.At(image, 14, 14), "outside");
    }

    [Fact]
    public void A_thick_outline_keeps_its_corners_filled()
    {
        var image = new RgbImage(30, 30);

        PolygonOutline.Draw(image, [new(5, 5), new(25, 5), new(25, 25), new(5, 25)], RgbColor.White, thickness: 4);

        Assert.True(Painted.At(image, 4, 4));
        Assert.True(Painted.At(image, 25, 25));
        Assert.False(Painted.At(image, 15, 15));
        Assert.False(Painted.At(image, 0, 15));
    }
}
