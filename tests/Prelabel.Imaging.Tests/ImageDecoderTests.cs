using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests;

public sealed class ImageDecoderTests(TestImages images) : IClassFixture<TestImages>
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
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void Decode_applies_webp_exif_orientation(int orientation)
    {
        byte[] jpeg = EncodedBytes.WithJpegExif(images.StoredForOrientation(orientation, "jpg"), EncodedBytes.ExifTiff(orientation, bigEndian: false));
        byte[] webp = images.Convert($"exif{orientation}.jpg", jpeg, $"exif{orientation}.webp");

        DecodedImage decoded = ImageDecoder.Decode(webp);

        Assert.Equal((ImageFormat.Webp, orientation), (decoded.Format, decoded.ExifOrientation));
        Assert.Equal((64, 48), (decoded.OriginalWidth, decoded.OriginalHeight));
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
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
    public void Decode_reads_cmyk_jpeg_as_browsers_show_it()
    {
        byte[] jpeg = images.Make("cmyk.jpg", [.. Magick.Quadrants(), "-colorspace", "CMYK"]);

        PixelAssert.Quadrants(ImageDecoder.Decode(jpeg).Image, JpegTolerance);
    }

    [Fact]
    public void Decode_reads_progressive_jpeg()
    {
        byte[] jpeg = images.Make("progressive.jpg", [.. Magick.Quadrants(), "-interlace", "Plane", "-quality", "95", "-sampling-factor", "1x1"]);

        PixelAssert.Quadrants(ImageDecoder.Decode(jpeg).Image, JpegTolerance);
    }

    [Fact]
    public void Decode_refuses_a_jpeg_with_more_than_500_scans_before_decoding()
    {
        byte[] sos = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00];
        byte[] jpeg = [.. images.QuadrantsJpeg[..^2], .. Enumerable.Repeat(sos, 500).SelectMany(b => b), 0xFF, 0xD9];

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg));

        Assert.Equal("JPEG has more than 500 scans: refused as a decoding-time bomb", error.Message);
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
    [InlineData(1001, 1500, 1125, 0.375)]
    [InlineData(2000, 2000, 1500, 0.5)]
    [InlineData(2001, 2500, 1875, 0.625)]
    [InlineData(3001, 3500, 2625, 0.875)]
    [InlineData(3501, 4000, 3000, 1.0)]
    [InlineData(9000, 4000, 3000, 1.0)]
    public void Decode_with_target_size_picks_the_smallest_eighth_scale_still_covering_it(int target, int width, int height, double scale)
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
        byte[] png = EncodedBytes.WithPngSize(images.QuadrantsPng, 100_000, 100_000);

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
    public void Decode_rejects_truncated_jpeg_instead_of_returning_blank_rows()
    {
        byte[] jpeg = images.LargeNoiseJpeg;

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)));

        Assert.Equal("JPEG data is corrupt: the data ends early or is damaged (truncated file?)", error.Message);
    }

    [Fact]
    public void Decode_rejects_jpeg_cut_inside_its_header()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(images.QuadrantsJpeg.AsSpan(0, 40)));

        Assert.StartsWith("JPEG header is unreadable: ", error.Message);
    }

    [Fact]
    public void Decode_rejects_truncated_png()
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

        Assert.StartsWith("PNG header is unreadable: ", error.Message);
    }

    [Fact]
    public void Decode_rejects_jpeg_magic_followed_by_garbage()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. RandomBytes(500, seed: 3)];

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes));

        Assert.StartsWith("JPEG header is unreadable: ", error.Message);
    }

    [Theory]
    [InlineData("tiff", "TIFF")]
    [InlineData("heic", "HEIF/HEIC")]
    [InlineData("avif", "AVIF")]
    public void Decode_rejects_formats_it_cannot_read_naming_them(string extension, string name)
    {
        byte[] bytes = images.Make($"tiny.{extension}", "-size", "4x4", "xc:red");

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes));

        Assert.Equal($"unsupported image format ({name}); Prelabel reads JPEG, PNG, WebP, GIF and BMP", error.Message);
    }

    [Fact]
    public void Decode_reads_lossy_webp()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.Make("quadrants.webp", [.. Magick.Quadrants(), "-quality", "95"]));

        Assert.Equal(ImageFormat.Webp, decoded.Format);
        Assert.Equal((64, 48), (decoded.OriginalWidth, decoded.OriginalHeight));
        PixelAssert.Quadrants(decoded.Image, JpegTolerance);
    }

    [Fact]
    public void Decode_reads_lossless_webp_with_alpha_on_white()
    {
        byte[] webp = images.Make("alpha.webp", "-size", "10x10", "xc:blue", "-size", "10x10", "xc:none", "+append", "-define", "webp:lossless=true");

        DecodedImage decoded = ImageDecoder.Decode(webp);

        Assert.Equal(ImageFormat.Webp, decoded.Format);
        Assert.Equal(TestImages.Blue, decoded.Image.GetPixel(2, 2));
        Assert.Equal(TestImages.White, decoded.Image.GetPixel(15, 2));
    }

    [Fact]
    public void Decode_reads_gif_exactly()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.Make("quadrants.gif", Magick.Quadrants()));

        Assert.Equal(ImageFormat.Gif, decoded.Format);
        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        PixelAssert.Quadrants(decoded.Image, 0);
    }

    [Fact]
    public void Decode_reads_the_first_frame_of_an_animated_gif()
    {
        byte[] gif = images.Make("animated.gif", "-delay", "10", "-size", "8x8", "xc:red", "xc:blue", "xc:lime");

        DecodedImage decoded = ImageDecoder.Decode(gif);

        Assert.Equal((8, 8), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(TestImages.Red, decoded.Image.GetPixel(4, 4));
    }

    [Fact]
    public void Decode_reads_bmp_exactly()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.Make("quadrants.bmp", Magick.Quadrants()));

        Assert.Equal(ImageFormat.Bmp, decoded.Format);
        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        PixelAssert.Quadrants(decoded.Image, 0);
        Assert.Equal(TestImages.Red, decoded.Image.GetPixel(0, 0));
        Assert.Equal(TestImages.White, decoded.Image.GetPixel(63, 47));
    }

    [Fact]
    public void Decode_ignores_target_size_for_formats_without_dct_scaling()
    {
        DecodedImage decoded = ImageDecoder.Decode(images.Make("quadrants.webp", [.. Magick.Quadrants(), "-quality", "95"]), new DecodeOptions(TargetSize: 8));

        Assert.Equal((64, 48), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(1.0, decoded.Scale);
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
    [InlineData("webp")]
    [InlineData("gif")]
    [InlineData("bmp")]
    public void Decode_of_every_truncation_throws_or_gives_the_whole_image(string kind)
    {
        byte[] full = Fixture(kind);
        byte[] whole = ImageDecoder.Decode(full).Image.Pixels.ToArray();
        for (int length = 0; length < full.Length; length++)
        {
            // Never a partial picture: rows past the end would be blank, and a model would see them. Only a cut trailer
            // (JPEG's EOI, PNG's IEND, GIF's ';') may leave every pixel there.
            try
            {
                using var decoded = ImageDecoder.Decode(full.AsSpan(0, length));
                Assert.Equal(whole, decoded.Image.Pixels.ToArray());
            }
            catch (ImageDecodeException)
            {
            }
        }
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("gif")]
    [InlineData("bmp")]
    public void Decode_of_corrupted_bytes_either_succeeds_or_throws_ImageDecodeException(string kind)
    {
        byte[] full = Fixture(kind);
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





    private byte[] Fixture(string kind) => kind switch
    {
        "jpg" => images.QuadrantsJpeg,
        "png" => images.QuadrantsPng,
        _ => images.Make($"quadrants.{kind}", [.. Magick.Quadrants(), "-quality", "95"]),
    };

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // not a magic number of any sniffed format
        bytes[1] = 0x17;
        return bytes;
    }
}
