using System.Diagnostics;
using Prelabel.Imaging.Tests.Support;
using Xunit.Abstractions;

namespace Prelabel.Imaging.Tests;

public sealed class ImageDecoderTests(TestImages images, ITestOutputHelper output) : IClassFixture<TestImages>
{
    private const int JpegTolerance = 12;

    [Fact]
    public void Decode_reads_jpeg_size_and_colours()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.QuadrantsJpeg);

        Assert.Equal(ImageFormat.Jpeg, decoded.Format);
        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal((64, 48), (decoded.OriginalWidth, decoded.OriginalHeight));
        Assert.Equal(1, decoded.ExifOrientation);
        Assert.Equal(1.0, decoded.Scale);
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Fact]
    public void Decode_reads_rgb_png_exactly()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.QuadrantsPng);

        Assert.Equal(ImageFormat.Png, decoded.Format);
        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        PixelAssert.Quadrants(decoded.Image, 0);
        Assert.Equal(TestImages.Red, decoded.Image.GetPixel(31, 23));
        Assert.Equal(TestImages.White, decoded.Image.GetPixel(32, 24));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Decode_applies_jpeg_exif_orientation(int orientation)
    {
        byte[] jpeg = EncodedBytes.WithJpegExif(images.StoredForOrientation(orientation, "jpg"), EncodedBytes.ExifTiff(orientation, bigEndian: false));

        DecodedImage decoded = ImageDecoder.Decode(jpeg);

        Assert.Equal(orientation, decoded.ExifOrientation);
        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal((64, 48), (decoded.OriginalWidth, decoded.OriginalHeight));
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Decode_applies_png_exif_orientation_exactly(int orientation)
    {
        byte[] png = EncodedBytes.WithPngExif(images.StoredForOrientation(orientation, "png"), EncodedBytes.ExifTiff(orientation, bigEndian: true));

        DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal(orientation, decoded.ExifOrientation);
        Assert.Equal((64, 48), (decoded.OriginalWidth, decoded.OriginalHeight));
        PixelAssert.Quadrants(decoded.Image, 0);
        Assert.Equal(TestImages.Red, decoded.Image.GetPixel(0, 0));
        Assert.Equal(TestImages.Lime, decoded.Image.GetPixel(63, 0));
        Assert.Equal(TestImages.Blue, decoded.Image.GetPixel(0, 47));
        Assert.Equal(TestImages.White, decoded.Image.GetPixel(63, 47));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decode_reads_exif_in_both_byte_orders(bool bigEndian)
    {
        byte[] jpeg = EncodedBytes.WithJpegExif(images.StoredForOrientation(6, "jpg"), EncodedBytes.ExifTiff(6, bigEndian));

        DecodedImage decoded = ImageDecoder.Decode(jpeg);

        Assert.Equal(6, decoded.ExifOrientation);
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(65535)]
    public void Decode_treats_out_of_range_orientation_as_upright(int orientation)
    {
        byte[] jpeg = EncodedBytes.WithJpegExif(images.QuadrantsJpeg, EncodedBytes.ExifTiff(orientation, bigEndian: false));

        DecodedImage decoded = ImageDecoder.Decode(jpeg);

        Assert.Equal(1, decoded.ExifOrientation);
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Fact]
    public void Decode_survives_a_truncated_exif_block()
    {
        byte[] tiff = EncodedBytes.ExifTiff(6, bigEndian: false)[..20];
        byte[] jpeg = EncodedBytes.WithJpegExif(images.QuadrantsJpeg, tiff);

        DecodedImage decoded = ImageDecoder.Decode(jpeg);

        Assert.Equal(1, decoded.ExifOrientation);
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Fact]
    public void Decode_reads_grayscale_jpeg_as_rgb()
    {
        byte[] jpeg = images.Make("gray.jpg", "-size", "40x30", "xc:rgb(90,90,90)", "-type", "Grayscale", "-quality", "95");

        DecodedImage decoded = ImageDecoder.Decode(jpeg);

        PixelAssert.Near(new RgbColor(90, 90, 90), decoded.Image.GetPixel(20, 15), 2);
    }

    [Fact]
    public void Decode_rejects_cmyk_jpeg_with_a_clear_reason()
    {
        byte[] jpeg = images.Make("cmyk.jpg", [.. Magick.Quadrants(), "-colorspace", "CMYK"]);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg));

        Assert.Contains("CMYK", error.Message);
    }

    [Fact]
    public void Decode_reads_palette_png()
    {
        byte[] png = images.Make("palette.png", [.. Magick.Quadrants(), "PNG8:{0}"]);
        Assert.Equal(3, png[25]); // colour type 3: indexed

        PixelAssert.Quadrants(ImageDecoder.Decode(png).Image, 0);
    }

    [Fact]
    public void Decode_reads_16_bit_png()
    {
        byte[] png = images.Make("deep.png", [.. Magick.Quadrants(), "PNG48:{0}"]);
        Assert.Equal(16, png[24]);

        PixelAssert.Quadrants(ImageDecoder.Decode(png).Image, 0);
    }

    [Fact]
    public void Decode_reads_grayscale_png()
    {
        byte[] png = images.Make("gray.png", "-size", "10x10", "xc:rgb(77,77,77)", "-define", "png:color-type=0", "-depth", "8");
        Assert.Equal(0, png[25]);

        Assert.Equal(new RgbColor(77, 77, 77), ImageDecoder.Decode(png).Image.GetPixel(5, 5));
    }

    [Fact]
    public void Decode_composites_gray_alpha_png_on_white()
    {
        byte[] png = images.Make("grayalpha.png", "-size", "10x10", "xc:rgba(0,0,0,0.5)", "-define", "png:color-type=4", "-depth", "8");
        Assert.Equal(4, png[25]);

        RgbColor pixel = ImageDecoder.Decode(png).Image.GetPixel(5, 5);

        PixelAssert.Near(new RgbColor(128, 128, 128), pixel, 1);
    }

    [Fact]
    public void Decode_composites_rgba_png_on_white()
    {
        byte[] png = images.Make("rgba.png", "-size", "10x10", "xc:rgba(255,0,0,0.5)", "-size", "10x10", "xc:none", "+append", "PNG32:{0}");

        RgbImage image = ImageDecoder.Decode(png).Image;

        PixelAssert.Near(new RgbColor(255, 128, 128), image.GetPixel(2, 2), 1);
        Assert.Equal(TestImages.White, image.GetPixel(15, 2));
    }

    [Fact]
    public void Decode_composites_16_bit_rgba_png_on_white()
    {
        byte[] png = images.Make("rgba64.png", "-size", "10x10", "xc:rgba(0,0,255,1.0)", "-size", "10x10", "xc:none", "+append", "PNG64:{0}");

        RgbImage image = ImageDecoder.Decode(png).Image;

        Assert.Equal(TestImages.Blue, image.GetPixel(2, 2));
        Assert.Equal(TestImages.White, image.GetPixel(15, 2));
    }

    [Fact]
    public void Decode_applies_palette_transparency_on_white()
    {
        byte[] png = images.Make("palette-trns.png", "-size", "10x10", "xc:blue", "-size", "10x10", "xc:none", "+append", "PNG8:{0}");
        Assert.Equal(3, png[25]);

        RgbImage image = ImageDecoder.Decode(png).Image;

        Assert.Equal(TestImages.Blue, image.GetPixel(2, 2));
        Assert.Equal(TestImages.White, image.GetPixel(15, 2));
    }

    [Theory]
    [InlineData(1000, 1000, 750, 0.25)]
    [InlineData(640, 1000, 750, 0.25)]
    [InlineData(500, 500, 375, 0.125)]
    [InlineData(100, 500, 375, 0.125)]
    [InlineData(1001, 2000, 1500, 0.5)]
    [InlineData(2000, 2000, 1500, 0.5)]
    [InlineData(2001, 4000, 3000, 1.0)]
    [InlineData(9000, 4000, 3000, 1.0)]
    public void Decode_with_target_size_picks_the_smallest_power_of_two_scale_still_covering_it(int target, int width, int height, double scale)
    {
        DecodedImage decoded = ImageDecoder.Decode(images.LargeQuadrantsJpeg, new DecodeOptions(TargetSize: target));

        Assert.Equal((width, height), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal((4000, 3000), (decoded.OriginalWidth, decoded.OriginalHeight));
        Assert.Equal(scale, decoded.Scale);
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Fact]
    public void Decode_scaled_and_rotated_reports_the_displayed_original_size()
    {
        byte[] jpeg = EncodedBytes.WithJpegExif(images.LargeQuadrantsJpeg, EncodedBytes.ExifTiff(6, bigEndian: true));

        DecodedImage decoded = ImageDecoder.Decode(jpeg, new DecodeOptions(TargetSize: 1000));

        Assert.Equal((3000, 4000), (decoded.OriginalWidth, decoded.OriginalHeight));
        Assert.Equal((750, 1000), (decoded.Image.Width, decoded.Image.Height));
        // Stored top-left red ends up top-right once turned clockwise.
        PixelAssert.Near(TestImages.Red, decoded.Image.GetPixel(560, 250), JpegTolerance);
        PixelAssert.Near(TestImages.Blue, decoded.Image.GetPixel(190, 250), JpegTolerance);
    }

    [Fact]
    public void Decode_ignores_target_size_for_png()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.QuadrantsPng, new DecodeOptions(TargetSize: 8));

        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(1.0, decoded.Scale);
    }

    [Fact]
    public void Decode_rejects_png_header_over_the_pixel_limit_before_reading_pixels()
    {
        byte[] png = EncodedBytes.PngHeaderOnly(100_000, 100_000);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png));

        Assert.Contains("100000x100000", error.Message);
        Assert.Contains("limit of 100000000 pixels", error.Message);
    }

    [Fact]
    public void Decode_rejects_jpeg_header_over_the_pixel_limit_before_reading_pixels()
    {
        byte[] jpeg = EncodedBytes.WithJpegFrameSize(images.QuadrantsJpeg, 60_000, 50_000);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg));

        Assert.Contains("60000x50000", error.Message);
        Assert.Contains("limit of 100000000 pixels", error.Message);
    }

    [Fact]
    public void Decode_applies_a_custom_pixel_limit()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(images.QuadrantsPng, new DecodeOptions(MaxPixels: 3071)));
        Assert.Contains("64x48 = 3072 pixels", error.Message);

        Assert.Equal(64, ImageDecoder.Decode(images.QuadrantsPng, new DecodeOptions(MaxPixels: 3072)).Image.Width);
    }

    [Fact]
    public void Decode_rejects_truncated_jpeg_with_the_turbojpeg_message()
    {
        byte[] jpeg = images.LargeNoiseJpeg;

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)));

        Assert.Contains("Premature end of JPEG file", error.Message);
    }

    [Fact]
    public void Decode_rejects_jpeg_cut_inside_its_header()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(images.QuadrantsJpeg.AsSpan(0, 40)));

        Assert.StartsWith("JPEG header is unreadable: ", error.Message);
    }

    [Fact]
    public void Decode_rejects_truncated_png_with_the_libspng_message()
    {
        byte[] png = images.QuadrantsPng;
        int idat = png.AsSpan().IndexOf("IDAT"u8);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png.AsSpan(0, idat + 20)));

        Assert.StartsWith("PNG data is corrupt: ", error.Message);
    }

    [Fact]
    public void Decode_rejects_png_with_a_bad_crc()
    {
        byte[] png = (byte[])images.QuadrantsPng.Clone();
        png[30] ^= 0x01; // IHDR's CRC

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png));

        Assert.Contains("PNG data is corrupt: invalid chunk checksum", error.Message);
    }

    [Fact]
    public void Decode_rejects_jpeg_magic_followed_by_garbage()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. RandomBytes(500, seed: 3)];

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes));

        Assert.StartsWith("JPEG header is unreadable: ", error.Message);
    }

    [Fact]
    public void Decode_rejects_gif_naming_the_format()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode("GIF89a\x01\0\x01\0\0\0\0;"u8));

        Assert.Equal("unsupported image format (GIF); Prelabel reads JPEG and PNG", error.Message);
    }

    [Fact]
    public void Decode_names_webp_and_bmp_too()
    {
        byte[] webp = images.Make("tiny.webp", "-size", "4x4", "xc:red");
        byte[] bmp = images.Make("tiny.bmp", "-size", "4x4", "xc:red");

        Assert.Contains("(WebP)", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(webp)).Message);
        Assert.Contains("(BMP)", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bmp)).Message);
    }

    [Fact]
    public void Decode_rejects_random_bytes()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(RandomBytes(1000, seed: 1)));

        Assert.StartsWith("unsupported image format (unrecognised, starts ", error.Message);
    }

    [Fact]
    public void Decode_rejects_empty_input()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(ReadOnlySpan<byte>.Empty));

        Assert.Contains("empty", error.Message);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void Decode_of_every_truncation_either_succeeds_or_throws_ImageDecodeException(string kind)
    {
        byte[] full = kind == "jpg" ? images.QuadrantsJpeg : images.QuadrantsPng;
        for (int length = 0; length < full.Length; length++)
        {
            try
            {
                ImageDecoder.Decode(full.AsSpan(0, length));
            }
            catch (ImageDecodeException)
            {
            }
        }
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void Decode_of_corrupted_bytes_either_succeeds_or_throws_ImageDecodeException(string kind)
    {
        byte[] full = kind == "jpg" ? images.QuadrantsJpeg : images.QuadrantsPng;
        var random = new Random(42);
        for (int round = 0; round < 500; round++)
        {
            byte[] copy = (byte[])full.Clone();
            for (int k = 0; k < 1 + round % 8; k++) copy[random.Next(3, copy.Length)] = (byte)random.Next(256);
            try
            {
                ImageDecoder.Decode(copy);
            }
            catch (ImageDecodeException)
            {
            }
        }
    }

    [Fact]
    public void DetectFormat_reads_magic_bytes_only()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageDecoder.DetectFormat(images.QuadrantsJpeg.AsSpan(0, 3)));
        Assert.Equal(ImageFormat.Png, ImageDecoder.DetectFormat(images.QuadrantsPng.AsSpan(0, 8)));
        Assert.Null(ImageDecoder.DetectFormat("GIF89a"u8));
    }

    [Fact]
    public void Decode_timing_of_4000x3000_jpeg_is_reported()
    {
        foreach ((string name, byte[] jpeg) in new[] { ("smooth quadrants", images.LargeQuadrantsJpeg), ("noise", images.LargeNoiseJpeg) })
        {
            output.WriteLine($"4000x3000 {name}, {jpeg.Length / 1024} KiB:");
            foreach (int? target in new int?[] { null, 2000, 1000, 500 })
            {
                var options = new DecodeOptions(TargetSize: target);
                DecodedImage decoded = ImageDecoder.Decode(jpeg, options); // warm-up
                var times = new List<double>();
                for (int i = 0; i < 7; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    ImageDecoder.Decode(jpeg, options);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                times.Sort();
                output.WriteLine($"  target {target?.ToString() ?? "none",5}: {decoded.Image.Width}x{decoded.Image.Height} (scale {decoded.Scale}) median {times[3]:F1} ms");
            }
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // not a magic number of any sniffed format
        bytes[1] = 0x17;
        return bytes;
    }
}
