using System.Runtime.InteropServices;
using Prelabel.Imaging.Native;

namespace Prelabel.Imaging;

/// <summary>JPEG through TurboJPEG, with DCT-domain downscaling when the caller only needs a smaller image.</summary>
internal static unsafe class JpegDecoder
{
    private static readonly Lazy<(int Num, int Denom)[]> ScalingFactors = new(LoadScalingFactors);

    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        using TurboJpegHandle handle = TurboJpeg.tjInitDecompress();
        if (handle.IsInvalid) throw new ImageDecodeException("TurboJPEG could not start: " + TurboJpeg.ErrorMessage(null));
        fixed (byte* src = data)
        {
            var size = new CULong((nuint)data.Length);
            if (TurboJpeg.tjDecompressHeader3(handle, src, size, out int width, out int height, out _, out int colorspace) != 0)
                throw new ImageDecodeException("JPEG header is unreadable: " + TurboJpeg.ErrorMessage(handle));
            if (width < 1 || height < 1) // TurboJPEG reports success with 0x0 when the data ends before the frame header
                throw new ImageDecodeException("JPEG header is unreadable: the data ends before the frame header (truncated file?)");
            if (colorspace is TurboJpeg.ColorspaceCmyk or TurboJpeg.ColorspaceYcck)
                throw new ImageDecodeException("CMYK JPEG is not supported; save the image as RGB");
            PixelLimit.Check(width, height, options.MaxPixels, "JPEG");

            (int num, int denom) = ChooseScale(width, height, options.TargetSize);
            int scaledWidth = Scaled(width, num, denom), scaledHeight = Scaled(height, num, denom);
            var image = RgbImage.CreateUninitialized(scaledWidth, scaledHeight);
            fixed (byte* dst = image.Pixels)
            {
                // Any nonzero result fails, warnings included: a truncated file "decodes" with grey fill, which would mislead a model.
                if (TurboJpeg.tjDecompress2(handle, src, size, dst, scaledWidth, image.Stride, scaledHeight, TurboJpeg.PixelFormatRgb, TurboJpeg.FlagLimitScans) != 0)
                    throw new ImageDecodeException("JPEG data is corrupt: " + TurboJpeg.ErrorMessage(handle));
            }

            int orientation = ExifOrientationReader.FromJpeg(data);
            bool swap = OrientationTransform.SwapsAxes(orientation);
            return new DecodedImage(
                OrientationTransform.Apply(image, orientation),
                swap ? height : width,
                swap ? width : height,
                ImageFormat.Jpeg,
                orientation)
            {
                Scale = (double)num / denom,
            };
        }
    }

    /// <summary>The smallest factor whose scaled longer side is still at least <paramref name="targetSize"/>, among 1/2, 1/4, 1/8.</summary>
    /// <remarks>Only these have SIMD IDCTs in libjpeg-turbo 2.1; the others (7/8, 3/4, 3/8, ...) use plain C and measured
    /// slower than a full decode (7/8) or than 1/2 (3/8), so they would cost time instead of saving it.</remarks>
    internal static (int Num, int Denom) ChooseScale(int width, int height, int? targetSize)
    {
        if (targetSize is not int target) return (1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1, nameof(DecodeOptions.TargetSize));
        int longer = Math.Max(width, height);
        (int Num, int Denom) best = (1, 1);
        foreach (var f in ScalingFactors.Value)
        {
            if (f.Num != 1 || f.Denom is not (1 or 2 or 4 or 8)) continue;
            if (Scaled(longer, f.Num, f.Denom) >= target && (long)f.Num * best.Denom < (long)best.Num * f.Denom) best = f;
        }
        return best;
    }

    /// <summary>TJSCALED: ceil(dimension * num / denom).</summary>
    internal static int Scaled(int dimension, int num, int denom) => (int)(((long)dimension * num + denom - 1) / denom);

    private static (int, int)[] LoadScalingFactors()
    {
        TurboJpeg.ScalingFactor* factors = TurboJpeg.tjGetScalingFactors(out int count);
        if (factors == null || count <= 0) return [(1, 1)];
        var result = new (int, int)[count];
        for (int i = 0; i < count; i++) result[i] = (factors[i].Num, factors[i].Denom);
        return result;
    }
}
