using System.Runtime.InteropServices;
using SkiaSharp;

namespace Prelabel.Imaging;

/// <summary>Turns JPEG, PNG, WebP, GIF (first frame) or BMP bytes into upright RGB pixels through SkiaSharp's codecs. Thread-safe: every call has its own codec.</summary>
/// <remarks>Transparent pixels are composited on white (what an annotator sees on a light page); colour profiles and gamma are not applied.</remarks>
public static unsafe class ImageDecoder
{
    /// <exception cref="ImageDecodeException">Unsupported format, over <see cref="DecodeOptions.MaxPixels"/>, or truncated or corrupt data.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPixels, 1L, nameof(options.MaxPixels));
        if (encoded.IsEmpty) throw new ImageDecodeException("empty input: no image bytes");
        (ImageFormat? sniffed, string name) = FormatSniffer.Sniff(encoded);
        if (sniffed is not ImageFormat format)
            throw new ImageDecodeException($"unsupported image format ({name}); Prelabel reads JPEG, PNG, WebP, GIF and BMP");
        if (format == ImageFormat.Jpeg) JpegScanLimit.Check(encoded);

        fixed (byte* bytes = encoded)
        {
            // Wraps the pinned bytes without copying; codec and data are disposed before the fixed block ends.
            using var data = SKData.Create((nint)bytes, encoded.Length);
            using var codec = SKCodec.Create(new SKMemoryStream(data), out SKCodecResult opened);
            if (codec is null) throw new ImageDecodeException($"{name} header is unreadable: {Reason(opened)}");
            int width = codec.Info.Width, height = codec.Info.Height;
            PixelLimit.Check(width, height, options.MaxPixels, name);

            int eighths = format == ImageFormat.Jpeg ? DctScale.Eighths(width, height, options.TargetSize) : 8;
            SKSizeI size = eighths == 8 ? new SKSizeI(width, height) : codec.GetScaledDimensions(eighths / 8f);
            RgbImage image = DecodePixels(codec, size, name);

            // Skia reads the orientation of JPEG and WebP files but not PNG's eXIf chunk, which browsers do apply.
            int orientation = format == ImageFormat.Png ? PngExif.Orientation(encoded) : (int)codec.EncodedOrigin;
            if (orientation is < 1 or > 8) orientation = 1;
            bool swap = OrientationTransform.SwapsAxes(orientation);
            var upright = OrientationTransform.Apply(image, orientation);
            if (!ReferenceEquals(upright, image)) image.Dispose();
            return new DecodedImage(upright, swap ? height : width, swap ? width : height, format, orientation)
            {
                Scale = eighths / 8.0,
            };
        }
    }

    // Rows decoded per scanline call: the RGBA strip stays small (1920 wide: 120 KiB) instead of a whole-image buffer.
    private const int StripRows = 16;

    private static RgbImage DecodePixels(SKCodec codec, SKSizeI size, string name)
    {
        // Premultiplied, so compositing on white is one add per channel.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        // JPEG decodes in strips; PNG, WebP and GIF have no scanline decoder in this Skia and BMP is bottom-up: those decode whole.
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
            return DecodeWhole(codec, info, name);

        var image = RgbImage.CreateUninitialized(size.Width, size.Height);
        int rowBytes = info.RowBytes;
        var strip = (byte*)NativeMemory.Alloc((nuint)rowBytes * StripRows);
        try
        {
            fixed (byte* rgb = image.Pixels)
            {
                for (int y = 0; y < size.Height; y += StripRows)
                {
                    int rows = Math.Min(StripRows, size.Height - y);
                    // Fewer rows than asked means the data ran out; Skia fills the rest with blank rows, which would mislead a model.
                    if (codec.GetScanlines((nint)strip, rows, rowBytes) != rows)
                        throw new ImageDecodeException($"{name} data is corrupt: {Reason(SKCodecResult.IncompleteInput)}");
                    RgbaPacking.OnWhite(strip, rgb + (long)y * image.Stride, (long)rows * size.Width);
                }
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
        finally
        {
            NativeMemory.Free(strip);
        }
    }

    private static RgbImage DecodeWhole(SKCodec codec, SKImageInfo info, string name)
    {
        // Native memory, so a 48 MB buffer costs no GC.
        var rgba = (byte*)NativeMemory.Alloc((nuint)info.BytesSize64);
        try
        {
            SKCodecResult result = codec.GetPixels(info, (nint)rgba);
            // Anything short of Success fails: a truncated file "decodes" with blank rows, which would mislead a model.
            if (result != SKCodecResult.Success) throw new ImageDecodeException($"{name} data is corrupt: {Reason(result)}");
            var image = RgbImage.CreateUninitialized(info.Width, info.Height);
            fixed (byte* rgb = image.Pixels) RgbaPacking.OnWhite(rgba, rgb, (long)info.Width * info.Height);
            return image;
        }
        finally
        {
            NativeMemory.Free(rgba);
        }
    }

    private static string Reason(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data ends early or is damaged (truncated file?)",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "the data is invalid",
        SKCodecResult.Unimplemented => "SkiaSharp cannot read this variant",
        _ => $"SkiaSharp could not decode it ({result})",
    };
}
