namespace Prelabel.Imaging;

/// <summary>The JPEG DCT scale k/8 (k = 1..8) to decode at, so the decoder skips the detail the caller would throw away.</summary>
internal static class DctScale
{
    /// <summary>The smallest k whose scaled longer side, ceil(longer * k / 8), is still at least <paramref name="targetSize"/>; 8 without a target.</summary>
    /// <remarks>All eight, not only the powers of two: Skia's libjpeg-turbo has no SIMD IDCT to favour them, and 3/8 measured
    /// faster than 1/2 (1080p page: 5.6 against 8.4 ms).</remarks>
    public static int Eighths(int width, int height, int? targetSize)
    {
        if (targetSize is not int target) return 8;
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1, nameof(DecodeOptions.TargetSize));
        long longer = Math.Max(width, height);
        for (int k = 1; k < 8; k++)
        {
            if ((longer * k + 7) / 8 >= target) return k;
        }
        return 8;
    }
}
