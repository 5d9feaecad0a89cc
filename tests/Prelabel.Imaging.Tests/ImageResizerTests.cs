using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests;

public sealed class ImageResizerTests
{
    [Fact]
    public void Resize_to_the_same_size_returns_an_equal_copy()
    {
        RgbImage src = Noise(37, 21, seed: 1);

        RgbImage copy = ImageResizer.Resize(src, 37, 21);

        Assert.Equal(src.Pixels.ToArray(), copy.Pixels.ToArray());
        copy.Pixels[0] ^= 0xFF;
        Assert.NotEqual(src.Pixels[0], copy.Pixels[0]);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(333, 7)]
    [InlineData(1, 1)]
    [InlineData(500, 400)]
    public void Resize_keeps_a_solid_colour_exactly(int width, int height)
    {
        var src = new RgbImage(123, 77);
        src.Fill(new RgbColor(12, 200, 99));

        RgbImage dst = ImageResizer.Resize(src, width, height);

        Assert.Equal((width, height), (dst.Width, dst.Height));
        for (int i = 0; i < dst.Pixels.Length; i += 3)
            Assert.Equal(new RgbColor(12, 200, 99), new RgbColor(dst.Pixels[i], dst.Pixels[i + 1], dst.Pixels[i + 2]));
    }

    [Fact]
    public void Resize_upscales_with_bilinear_pixel_centre_geometry()
    {
        var src = new RgbImage(2, 1);
        src.SetPixel(1, 0, new RgbColor(200, 200, 200));

        RgbImage dst = ImageResizer.Resize(src, 4, 1);

        // Centres map to -0.25 (clamped), 0.25, 0.75, 1.25 (clamped), as OpenCV INTER_LINEAR.
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, Enumerable.Range(0, 4).Select(x => dst.GetPixel(x, 0).R));
    }

    [Fact]
    public void Resize_averages_one_pixel_stripes_when_shrinking_more_than_2x()
    {
        var src = new RgbImage(400, 400);
        for (int y = 0; y < 400; y++)
            for (int x = 0; x < 400; x += 2) src.SetPixel(x, y, RgbColor.White);

        RgbImage dst = ImageResizer.Resize(src, 100, 100);

        Assert.All(Enumerable.Range(0, 100 * 100), i => Assert.InRange(dst.Pixels[i * 3], 127, 128));
    }

    [Fact]
    public void Resize_area_averages_a_4x_reduction_exactly()
    {
        var src = new RgbImage(8, 1);
        for (int x = 0; x < 8; x++) src.SetPixel(x, 0, new RgbColor((byte)(x * 10), 0, 0));

        RgbImage dst = ImageResizer.Resize(src, 2, 1);

        Assert.Equal(15, dst.GetPixel(0, 0).R); // (0+10+20+30)/4
        Assert.Equal(55, dst.GetPixel(1, 0).R); // (40+50+60+70)/4
    }

    [Theory]
    [InlineData(97, 61, 31, 200)]
    [InlineData(97, 61, 250, 13)]
    [InlineData(640, 480, 213, 160)]
    [InlineData(50, 40, 151, 97)]
    [InlineData(101, 103, 101, 50)]
    [InlineData(101, 103, 40, 103)]
    public void Resize_matches_a_double_precision_reference_within_one_level(int sw, int sh, int dw, int dh)
    {
        RgbImage src = Noise(sw, sh, seed: sw * dh);

        RgbImage dst = ImageResizer.Resize(src, dw, dh);

        byte[] expected = ReferenceResize(src, dw, dh);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - dst.Pixels[i]) <= 1, $"byte {i}: expected {expected[i]}, got {dst.Pixels[i]}");
    }

    [Fact]
    public void Letterbox_centres_a_wide_image_and_pads_above_and_below()
    {
        var src = new RgbImage(200, 100);
        src.Fill(TestImages.Red);

        LetterboxResult result = ImageResizer.Letterbox(src, 64, 64, RgbColor.LetterboxGrey);

        Assert.Equal((64, 64), (result.Image.Width, result.Image.Height));
        Assert.Equal((64, 32, 0, 16), (result.ContentWidth, result.ContentHeight, result.PadLeft, result.PadTop));
        Assert.Equal(RgbColor.LetterboxGrey, result.Image.GetPixel(0, 15));
        Assert.Equal(TestImages.Red, result.Image.GetPixel(0, 16));
        Assert.Equal(TestImages.Red, result.Image.GetPixel(63, 47));
        Assert.Equal(RgbColor.LetterboxGrey, result.Image.GetPixel(63, 48));
    }

    [Fact]
    public void Letterbox_centres_a_tall_image_and_pads_left_and_right()
    {
        var src = new RgbImage(300, 1000);
        src.Fill(TestImages.Blue);

        LetterboxResult result = ImageResizer.Letterbox(src, 640, 640, RgbColor.White);

        Assert.Equal((192, 640, 224, 0), (result.ContentWidth, result.ContentHeight, result.PadLeft, result.PadTop));
        Assert.Equal(RgbColor.White, result.Image.GetPixel(223, 320));
        Assert.Equal(TestImages.Blue, result.Image.GetPixel(224, 320));
        Assert.Equal(TestImages.Blue, result.Image.GetPixel(415, 320));
        Assert.Equal(RgbColor.White, result.Image.GetPixel(416, 320));
    }

    [Fact]
    public void Letterbox_puts_a_marked_block_where_FromSource_says()
    {
        var src = new RgbImage(4000, 3000);
        src.Fill(RgbColor.White);
        src.Fill(TestImages.Red, 1000, 2000, 400, 300);

        LetterboxResult result = ImageResizer.Letterbox(src, 640, 640, RgbColor.LetterboxGrey);

        (double left, double top) = result.FromSource(1000, 2000);
        (double right, double bottom) = result.FromSource(1400, 2300);
        Assert.Equal((160.0, 400.0), (left, top));
        Assert.Equal((224.0, 448.0), (right, bottom));
        Assert.Equal(TestImages.Red, result.Image.GetPixel(160, 400));
        Assert.Equal(TestImages.Red, result.Image.GetPixel(223, 447));
        Assert.Equal(RgbColor.White, result.Image.GetPixel(159, 400));
        Assert.Equal(RgbColor.White, result.Image.GetPixel(224, 448));
    }

    [Fact]
    public void Letterbox_upscales_a_small_image()
    {
        RgbImage src = Noise(17, 9, seed: 5);

        LetterboxResult result = ImageResizer.Letterbox(src, 64, 64, RgbColor.Black);

        Assert.Equal((64, 34, 0, 15), (result.ContentWidth, result.ContentHeight, result.PadLeft, result.PadTop));
    }

    private static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Straightforward double-precision bilinear (up to 2x reduction) / area (beyond) resampling, separable.</summary>
    private static byte[] ReferenceResize(RgbImage src, int dw, int dh)
    {
        var wx = Enumerable.Range(0, dw).Select(i => Taps(src.Width, dw, i)).ToArray();
        var wy = Enumerable.Range(0, dh).Select(i => Taps(src.Height, dh, i)).ToArray();
        var result = new byte[dw * dh * 3];
        for (int y = 0; y < dh; y++)
            for (int x = 0; x < dw; x++)
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    foreach ((int sy, double fy) in wy[y])
                        foreach ((int sx, double fx) in wx[x])
                            sum += fy * fx * src.Pixels[(sy * src.Width + sx) * 3 + c];
                    result[(y * dw + x) * 3 + c] = (byte)Math.Clamp(Math.Round(sum), 0, 255);
                }
        return result;
    }

    private static List<(int Index, double Weight)> Taps(int srcSize, int dstSize, int i)
    {
        double scale = (double)srcSize / dstSize;
        if (scale <= 2)
        {
            double c = Math.Clamp((i + 0.5) * scale - 0.5, 0, srcSize - 1);
            int x0 = (int)Math.Floor(c);
            int x1 = Math.Min(x0 + 1, srcSize - 1);
            return [(x0, 1 - (c - x0)), (x1, c - x0)];
        }
        double lo = i * scale, hi = (i + 1) * scale;
        var taps = new List<(int, double)>();
        for (int j = (int)Math.Floor(lo); j < Math.Min(srcSize, Math.Ceiling(hi)); j++)
            taps.Add((j, (Math.Min(hi, j + 1) - Math.Max(lo, j)) / scale));
        return taps;
    }
}
