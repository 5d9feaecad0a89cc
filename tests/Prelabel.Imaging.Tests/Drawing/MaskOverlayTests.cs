using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class MaskOverlayTests
{
    [Fact]
    public void Only_masked_pixels_take_the_colour()
    {
        var image = new RgbImage(4, 2);
        byte[] mask = [0, 255, 0, 0, 0, 0, 255, 0];

        MaskOverlay.Draw(image, mask, 4, 2, RgbColor.White, alpha: 1);

        Assert.Equal([(1, 0), (2, 1)], Painted.All(image));
    }

    [Fact]
    public void The_colour_is_blended_by_alpha()
    {
        var image = new RgbImage(2, 1);
        image.Fill(new RgbColor(100, 100, 100));

        MaskOverlay.Draw(image, [255, 0], 2, 1, new RgbColor(200, 0, 100), alpha: 0.5);

        Assert.Equal(new RgbColor(150, 50, 100), image.GetPixel(0, 0));
        Assert.Equal(new RgbColor(100, 100, 100), image.GetPixel(1, 0));
    }

    [Fact]
    public void A_smaller_mask_is_stretched_over_the_whole_image()
    {
        var image = new RgbImage(10, 10);

        MaskOverlay.Draw(image, [255, 0, 0, 0], 2, 2, RgbColor.White, alpha: 1);

        var expected = (from y in Enumerable.Range(0, 5) from x in Enumerable.Range(0, 5) select (x, y)).ToHashSet();
        Assert.Equal(expected, Painted.All(image));
    }

    [Fact]
    public void A_mask_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MaskOverlay.Draw(new RgbImage(2, 2), new byte[3], 2, 2, RgbColor.White, 1));
    }
}
