using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class DiscTests
{
    [Fact]
    public void A_disc_covers_the_pixels_within_its_radius_and_no_others()
    {
        var image = new RgbImage(21, 21);
        var centre = new ImagePoint(10.5, 10.5);

        Disc.Draw(image, centre, 4, RgbColor.White);

        for (int y = 0; y < 21; y++)
        {
            for (int x = 0; x < 21; x++)
            {
                double distance = Math.Sqrt(Math.Pow(x + 0.5 - centre.X, 2) + Math.Pow(y + 0.5 - centre.Y, 2));
                Assert.Equal(distance <= 4, Painted.At(image, x, y));
            }
        }
    }

    [Fact]
    public void A_disc_past_the_edge_is_clipped()
    {
        var image = new RgbImage(10, 10);

        Disc.Draw(image, new(0, 0), 3, RgbColor.White);

        Assert.True(Painted.At(image, 0, 0));
        Assert.False(Painted.At(image, 5, 5));
    }

    [Fact]
    public void A_disc_without_radius_paints_nothing()
    {
        var image = new RgbImage(10, 10);

        Disc.Draw(image, new(5, 5), 0, RgbColor.White);

        Assert.Empty(Painted.All(image));
    }
}
