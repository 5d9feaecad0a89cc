using System.Runtime.InteropServices;
using Prelabel.Imaging.Native;

namespace Prelabel.Imaging;

/// <summary>RGB24 to PNG (8-bit truecolor, not interlaced) through libspng. Thread-safe: every call has its own encoder.</summary>
public static unsafe class PngEncoder
{
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using SpngContext ctx = Spng.spng_ctx_new(Spng.ContextEncoder);
        if (ctx.IsInvalid) throw new ImageEncodeException("libspng could not create an encoder (out of memory?)");
        Check(Spng.spng_set_option(ctx, Spng.OptionEncodeToBuffer, 1), "PNG output buffer");
        var ihdr = new Spng.Ihdr
        {
            Width = (uint)image.Width,
            Height = (uint)image.Height,
            BitDepth = 8,
            ColorType = Spng.ColorTypeTruecolor,
        };
        Check(Spng.spng_set_ihdr(ctx, in ihdr), "PNG header");
        fixed (byte* pixels = image.Pixels)
            Check(Spng.spng_encode_image(ctx, pixels, (nuint)image.Pixels.Length, Spng.FormatPng, Spng.EncodeFinalize), "PNG encoding");

        byte* png = Spng.spng_get_png_buffer(ctx, out nuint length, out int error);
        Check(error, "PNG output buffer");
        if (png is null) throw new ImageEncodeException("libspng returned no PNG buffer");
        try
        {
            if (length > (nuint)Array.MaxLength) throw new ImageEncodeException($"the PNG is {length} bytes: too large for one array");
            return new ReadOnlySpan<byte>(png, (int)length).ToArray();
        }
        finally
        {
            // NativeMemory.Free is the C runtime's free, which matches libspng's default malloc.
            NativeMemory.Free(png);
        }
    }

    private static void Check(int error, string context)
    {
        if (error != 0) throw new ImageEncodeException($"{context}: {Spng.ErrorMessage(error)}");
    }
}
