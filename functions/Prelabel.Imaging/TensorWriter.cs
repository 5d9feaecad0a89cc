namespace Prelabel.Imaging;

/// <summary>Writes an image as normalised float32 into a caller-owned tensor buffer (no allocation).</summary>
public static unsafe class TensorWriter
{
    /// <summary>Planar [3][Height][Width] (NCHW for one image) into destination[0 .. 3 * Width * Height).</summary>
    public static void WriteChw(RgbImage image, Span<float> destination, Normalization normalization)
    {
        int plane = Check(image, destination, normalization);
        // Tensor channel c reads source byte offset c (RGB) or 2 - c (BGR).
        int first = normalization.Bgr ? 2 : 0, third = 2 - first;
        fixed (byte* src = image.Pixels)
        fixed (float* dst = destination)
        fixed (float* table = normalization.Table)
        {
            float* t0 = table, t1 = table + 256, t2 = table + 512;
            float* d0 = dst, d1 = dst + plane, d2 = dst + 2 * plane;
            byte* s = src;
            for (int i = 0; i < plane; i++, s += 3)
            {
                d0[i] = t0[s[first]];
                d1[i] = t1[s[1]];
                d2[i] = t2[s[third]];
            }
        }
    }

    /// <summary>Interleaved [Height][Width][3] (NHWC for one image) into destination[0 .. 3 * Width * Height).</summary>
    public static void WriteHwc(RgbImage image, Span<float> destination, Normalization normalization)
    {
        int plane = Check(image, destination, normalization);
        int first = normalization.Bgr ? 2 : 0, third = 2 - first;
        fixed (byte* src = image.Pixels)
        fixed (float* dst = destination)
        fixed (float* table = normalization.Table)
        {
            byte* s = src;
            float* d = dst;
            for (int i = 0; i < plane; i++, s += 3, d += 3)
            {
                d[0] = table[s[first]];
                d[1] = table[256 + s[1]];
                d[2] = table[512 + s[third]];
            }
        }
    }

    /// <summary>Floats needed for one image: 3 * Width * Height.</summary>
    public static int TensorLength(RgbImage image) => 3 * image.Width * image.Height;

    private static int Check(RgbImage image, Span<float> destination, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(normalization);
        int needed = TensorLength(image);
        if (destination.Length < needed)
            throw new ArgumentException($"destination holds {destination.Length} floats; a {image.Width}x{image.Height} image needs {needed}", nameof(destination));
        return image.Width * image.Height;
    }
}
