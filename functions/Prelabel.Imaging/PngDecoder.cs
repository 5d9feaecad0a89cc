using Prelabel.Imaging.Native;

namespace Prelabel.Imaging;

/// <summary>PNG through libspng. Transparent pixels are composited on white (what an annotator sees on a light page); gamma is not applied.</summary>
internal static unsafe class PngDecoder
{
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        (int orientation, bool hasTrns) = PngChunkScanner.Scan(data);
        using SpngContext ctx = Spng.spng_ctx_new(0);
        if (ctx.IsInvalid) throw new ImageDecodeException("libspng could not create a context (out of memory?)");
        fixed (byte* src = data)
        {
            Check(Spng.spng_set_png_buffer(ctx, src, (nuint)data.Length), "PNG data is unreadable");
            uint dimensionLimit = (uint)Math.Min(options.MaxPixels, int.MaxValue);
            Check(Spng.spng_set_image_limits(ctx, dimensionLimit, dimensionLimit), "PNG limits");
            Check(Spng.spng_get_ihdr(ctx, out Spng.Ihdr ihdr), "PNG header is unreadable");
            PixelLimit.Check(ihdr.Width, ihdr.Height, options.MaxPixels, "PNG");
            int width = (int)ihdr.Width, height = (int)ihdr.Height;

            bool alpha = ihdr.ColorType is 4 or 6 || hasTrns; // gray+alpha, RGBA, or a tRNS key colour / palette alpha
            RgbImage image = alpha ? DecodeOnWhite(ctx, width, height) : DecodeRgb(ctx, width, height);

            bool swap = OrientationTransform.SwapsAxes(orientation);
            return new DecodedImage(
                OrientationTransform.Apply(image, orientation),
                swap ? height : width,
                swap ? width : height,
                ImageFormat.Png,
                orientation);
        }
    }

    private static RgbImage DecodeRgb(SpngContext ctx, int width, int height)
    {
        var image = RgbImage.CreateUninitialized(width, height);
        Check(Spng.spng_decoded_image_size(ctx, Spng.FormatRgb8, out nuint size), "PNG format is unsupported");
        if (size != (nuint)image.Pixels.Length)
            throw new ImageDecodeException($"libspng reports {size} bytes for a {width}x{height} RGB image");
        fixed (byte* dst = image.Pixels)
            Check(Spng.spng_decode_image(ctx, dst, size, Spng.FormatRgb8, 0), "PNG data is corrupt");
        return image;
    }

    private static RgbImage DecodeOnWhite(SpngContext ctx, int width, int height)
    {
        Check(Spng.spng_decoded_image_size(ctx, Spng.FormatRgba8, out nuint size), "PNG format is unsupported");
        if (size != (nuint)((long)width * height * 4))
            throw new ImageDecodeException($"libspng reports {size} bytes for a {width}x{height} RGBA image");
        if (size > (nuint)Array.MaxLength)
            throw new ImageDecodeException($"PNG image is {width}x{height}: too large for one RGBA buffer");
        byte[] rgba = GC.AllocateUninitializedArray<byte>((int)size);
        var image = RgbImage.CreateUninitialized(width, height);
        fixed (byte* from = rgba)
        fixed (byte* to = image.Pixels)
        {
            Check(Spng.spng_decode_image(ctx, from, size, Spng.FormatRgba8, Spng.DecodeTrns), "PNG data is corrupt");
            long pixels = (long)width * height;
            byte* s = from;
            byte* d = to;
            for (long i = 0; i < pixels; i++, s += 4, d += 3)
            {
                int a = s[3];
                int white = 255 * (255 - a);
                d[0] = Div255(s[0] * a + white);
                d[1] = Div255(s[1] * a + white);
                d[2] = Div255(s[2] * a + white);
            }
        }
        return image;
    }

    /// <summary>Rounded x / 255 for x in [0, 255*255].</summary>
    private static byte Div255(int x)
    {
        x += 128;
        return (byte)((x + (x >> 8)) >> 8);
    }

    private static void Check(int error, string context)
    {
        if (error != 0) throw new ImageDecodeException($"{context}: {Spng.ErrorMessage(error)}");
    }
}
