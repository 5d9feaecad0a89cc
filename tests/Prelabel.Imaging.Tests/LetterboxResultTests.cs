namespace Prelabel.Imaging.Tests;

public sealed class LetterboxResultTests
{
    [Theory]
    [InlineData(4000, 3000, 640, 640)]
    [InlineData(1000, 333, 640, 640)]
    [InlineData(333, 1000, 640, 640)]
    [InlineData(17, 9, 32, 32)]
    [InlineData(1920, 1080, 1280, 736)]
    [InlineData(3001, 4001, 960, 960)]
    public void ToSource_maps_the_content_corners_exactly_onto_the_source_corners(int sw, int sh, int w, int h)
    {
        LetterboxResult result = ImageResizer.Letterbox(new RgbImage(sw, sh), w, h, RgbColor.Black);

        Assert.Equal((0.0, 0.0), result.ToSource(result.PadLeft, result.PadTop));
        Assert.Equal(((double)sw, (double)sh), result.ToSource(result.PadLeft + result.ContentWidth, result.PadTop + result.ContentHeight));
        Assert.Equal(((double)result.PadLeft, (double)result.PadTop), result.FromSource(0, 0));
        Assert.Equal(((double)result.PadLeft + result.ContentWidth, (double)result.PadTop + result.ContentHeight), result.FromSource(sw, sh));
        Assert.True(result.PadLeft == 0 || result.PadTop == 0, "one axis fills the box");
    }

    [Fact]
    public void FromSource_and_ToSource_are_inverse()
    {
        LetterboxResult result = ImageResizer.Letterbox(new RgbImage(1234, 567), 640, 640, RgbColor.Black);
        var random = new Random(9);
        for (int i = 0; i < 1000; i++)
        {
            double x = random.NextDouble() * 1234, y = random.NextDouble() * 567;

            (double bx, double by) = result.ToSource(result.FromSource(x, y).X, result.FromSource(x, y).Y);

            Assert.Equal(x, bx, 1e-9);
            Assert.Equal(y, by, 1e-9);
        }
    }

    [Fact]
    public void Scales_are_content_size_over_source_size()
    {
        var result = new LetterboxResult(new RgbImage(640, 640), 4000, 3000, 640, 480, 0, 80);

        Assert.Equal(0.16, result.ScaleX);
        Assert.Equal(0.16, result.ScaleY);
        Assert.Equal((4000.0, 3000.0), result.ToSource(640, 560));
        Assert.Equal((-500.0, -500.0), result.ToSource(-80, 0)); // not clamped: callers clip boxes themselves
    }
}
