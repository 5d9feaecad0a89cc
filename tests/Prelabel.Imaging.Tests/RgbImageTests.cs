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
