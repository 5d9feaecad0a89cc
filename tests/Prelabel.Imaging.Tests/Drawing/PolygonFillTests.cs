using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class PolygonFillTests
{
    [Fact]
    public void A_square_on_pixel_edges_fills_exactly_its_pixels()
    {
        var image = new RgbImage(14, 14);

        PolygonFill.Draw(image, [new(2, 3), new(12, 3), new(12, 13), new(2, 13)], RgbColor.White);

        var expected = (from y in Enumerable.Range(3, 10) from x in Enumerable.Range(2, 10) select (x, y)).ToHashSet();
        Assert.Equal(expected, Painted.All(image));
    }

    [Fact]
    public void A_triangle_fills_only_its_side_of_the_diagonal()
    {
        var image = new RgbImage(20, 20);

        PolygonFill.Draw(image, [new(0, 0), new(20, 0), new(0, 20)], RgbColor.White);

        Assert.True(Painted.At(image, 2, 2));
        Assert.True(Painted.At(image, 18, 0));
        Assert.False(Painted.At(image, 15, 15));
        Assert.False(Painted.At(image, 19, 19));
    }

    [Fact]
    public void A_translucent_fill_blends_with_what_is_underneath()
    {
        var image = new RgbImage(10, 10);
        image.Fill(RgbColor.White);

        PolygonFill.Draw(image, [new(0, 0), new(5, 0), new(5, 10), new(0, 10)], new RgbColor(255, 0, 0), alpha: 0.5);

        Assert.Equal(new RgbColor(255, 128, 128), image.GetPixel(2, 5));
        Assert.Equal(RgbColor.White, image.GetPixel(7, 5));
    }

    [Fact]
    public void A_concave_polygon_leaves_its_notch_empty()
    {
        var image = new RgbImage(20, 20);
        ImagePoint[] u = [new(0, 0), new(6, 0), new(6, 14), new(14, 14), new(14, 0), new(20, 0), new(20, 20), new(0, 20)];

        PolygonFill.Draw(image, u, RgbColor.White);

        Assert.False(Painted.At(image, 10, 5), "notch");
        Assert.True(Painted.At(image, 3, 5));
        Assert.True(Painted.At(image, 17, 5));
        Assert.True(Painted.At(image, 10, 17));
    }

    [Fact]
    public void Fewer_than_three_points_fill_nothing()
    {
        var image = new RgbImage(10, 10);

        PolygonFill.Draw(image, [new(0, 0), new(10, 10)], RgbColor.White);

        Assert.Empty(Painted.All(image));
    }
}
