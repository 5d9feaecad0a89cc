using System.Buffers.Binary;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests;

public sealed class PngEncoderTests
{
    [Fact]
    public void An_encoded_image_decodes_to_the_same_pixels()
    {
        RgbImage image = Gradient(37, 23);

        DecodedImage decoded = ImageDecoder.Decode(PngEncoder.Encode(image));

        Assert.Equal(ImageFormat.Png, decoded.Format);
        Assert.Equal((37, 23), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(image.Pixels, decoded.Image.Pixels);
    }

    [Fact]
    public void A_one_pixel_image_round_trips()
    {
        var image = new RgbImage(1, 1);
        image.SetPixel(0, 0, new RgbColor(9, 200, 77));

        Assert.Equal(new RgbColor(9, 200, 77), ImageDecoder.Decode(PngEncoder.Encode(image)).Image.GetPixel(0, 0));
    }

    [Fact]
    public void The_output_is_an_8_bit_truecolor_png_with_the_image_size()
    {
        byte[] png = PngEncoder.Encode(Gradient(300, 5));

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(300u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
        Assert.Equal((8, 2), (png[24], png[25]));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Fact]
    public void ImageMagick_reads_the_same_pixels()
    {
        RgbImage image = Gradient(16, 9);
        string folder = Directory.CreateTempSubdirectory("prelabel-png-encoder-").FullName;
        try
        {
            string png = Path.Combine(folder, "gradient.png"), raw = Path.Combine(folder, "gradient.rgb");
            File.WriteAllBytes(png, PngEncoder.Encode(image));

            Magick.Convert(png, "-depth", "8", "RGB:" + raw);

            Assert.Equal(image.Pixels, File.ReadAllBytes(raw));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Encoding_the_same_image_twice_gives_the_same_bytes()
    {
        RgbImage image = Gradient(64, 64);

        Assert.Equal(PngEncoder.Encode(image), PngEncoder.Encode(image));
    }

    [Fact]
    public void A_missing_image_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => PngEncoder.Encode(null!));
    }

    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                image.SetPixel(x, y, new RgbColor((byte)(x * 7), (byte)(y * 11), (byte)((x * y) ^ 0x5A)));
        }
        return image;
    }
}
