namespace Prelabel.Imaging.Tests;

public sealed class RgbImageTests
{
    [Fact]
    public void Constructor_rejects_a_buffer_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => new RgbImage(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 5));
    }

    [Fact]
    public void Pixels_are_row_major_rgb_without_padding()
    {
        var image = new RgbImage(3, 2);

        image.SetPixel(2, 1, new RgbColor(1, 2, 3));

        Assert.Equal(9, image.Stride);
        Assert.Equal(new byte[] { 1, 2, 3 }, image.Pixels[15..18]);
        Assert.Equal(new RgbColor(1, 2, 3), image.GetPixel(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.GetPixel(3, 0));
    }

    [Fact]
    public void A_disposed_image_cannot_be_read()
    {
        var image = new RgbImage(3, 2).Clone();

        image.Dispose();
        image.Dispose();

        Assert.Throws<ObjectDisposedException>(() => image.GetPixel(0, 0));
        Assert.Throws<ObjectDisposedException>(() => image.Row(0).Length);
    }

    [Fact]
    public void A_lent_buffer_disposed_twice_is_lent_to_one_image_at_a_time()
    {
        var first = new RgbImage(640, 480).Clone();
        first.Dispose();
        first.Dispose();

        using var a = new RgbImage(640, 480).Clone();
        using var b = new RgbImage(640, 480).Clone();
        a.Fill(RgbColor.White);
        b.Fill(RgbColor.Black);

        Assert.Equal(RgbColor.White, a.GetPixel(639, 479));
    }

    [Fact]
    public void Fill_clips_to_the_image()
    {
        var image = new RgbImage(4, 4);

        image.Fill(RgbColor.White, 2, -5, 100, 7);

        Assert.Equal(RgbColor.White, image.GetPixel(3, 1));
        Assert.Equal(RgbColor.Black, image.GetPixel(1, 1));
        Assert.Equal(RgbColor.Black, image.GetPixel(3, 2));
    }

    [Fact]
    public void Crop_copies_the_rectangle()
    {
        var image = new RgbImage(5, 5);
        image.SetPixel(3, 2, RgbColor.White);

        RgbImage crop = image.Crop(2, 1, 3, 2);

        Assert.Equal((3, 2), (crop.Width, crop.Height));
        Assert.Equal(RgbColor.White, crop.GetPixel(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(3, 3, 3, 3));
    }

    [Fact]
    public void Clone_does_not_share_pixels()
    {
        var image = new RgbImage(2, 2);

        RgbImage clone = image.Clone();
        clone.SetPixel(0, 0, RgbColor.White);

        Assert.Equal(RgbColor.Black, image.GetPixel(0, 0));
    }
}
