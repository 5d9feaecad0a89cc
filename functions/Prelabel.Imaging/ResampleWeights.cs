namespace Prelabel.Imaging;

/// <summary>Per-output-pixel source taps for one axis, as fixed-point weights that sum to exactly 1 &lt;&lt; Shift.</summary>
/// <remarks>Bilinear (OpenCV INTER_LINEAR geometry: pixel centres at i + 0.5) up to 2x reduction;
/// beyond that, area averaging (INTER_AREA), so thin strokes such as text are averaged rather than skipped.</remarks>
internal sealed class ResampleWeights
{
    public const int Shift = 14;
    public const int One = 1 << Shift;

    private ResampleWeights(int[] start, int[] count, int[] weights, int taps)
    {
        Start = start;
        Count = count;
        Weights = weights;
        Taps = taps;
    }

    /// <summary>First source index of each output index.</summary>
    public int[] Start { get; }

    /// <summary>Number of taps of each output index.</summary>
    public int[] Count { get; }

    /// <summary>Weights of output i at [i * Taps, i * Taps + Count[i]).</summary>
    public int[] Weights { get; }

    public int Taps { get; }

    public static ResampleWeights Create(int srcSize, int dstSize)
    {
        double scale = (double)srcSize / dstSize;
        return scale > 2.0 ? Area(srcSize, dstSize, scale) : Bilinear(srcSize, dstSize, scale);
    }

    private static ResampleWeights Bilinear(int srcSize, int dstSize, double scale)
    {
        var start = new int[dstSize];
        var count = new int[dstSize];
        var weights = new int[dstSize * 2];
        for (int i = 0; i < dstSize; i++)
        {
            double centre = (i + 0.5) * scale - 0.5;
            int x0 = (int)Math.Floor(centre);
            double frac = centre - x0;
            if (x0 < 0) { x0 = 0; frac = 0; }
            if (x0 >= srcSize - 1) { x0 = srcSize - 1; frac = 0; }
            int w1 = (int)Math.Round(frac * One);
            start[i] = x0;
            if (w1 == 0)
            {
                count[i] = 1;
                weights[i * 2] = One;
            }
            else
            {
                count[i] = 2;
                weights[i * 2] = One - w1;
                weights[i * 2 + 1] = w1;
            }
        }
        return new ResampleWeights(start, count, weights, 2);
    }

    private static ResampleWeights Area(int srcSize, int dstSize, double scale)
    {
        int taps = (int)Math.Ceiling(scale) + 1;
        var start = new int[dstSize];
        var count = new int[dstSize];
        var weights = new int[dstSize * taps];
        for (int i = 0; i < dstSize; i++)
        {
            double lo = i * scale, hi = Math.Min(srcSize, (i + 1) * scale);
            int first = (int)Math.Floor(lo);
            int last = Math.Min(srcSize - 1, (int)Math.Ceiling(hi) - 1);
            int n = last - first + 1;
            int sum = 0, largest = 0;
            for (int k = 0; k < n; k++)
            {
                int j = first + k;
                double overlap = Math.Min(hi, j + 1) - Math.Max(lo, j);
                int w = (int)Math.Round(overlap / (hi - lo) * One);
                weights[i * taps + k] = w;
                sum += w;
                if (w > weights[i * taps + largest]) largest = k;
            }
            weights[i * taps + largest] += One - sum; // rounding residue goes where it matters least
            start[i] = first;
            count[i] = n;
        }
        return new ResampleWeights(start, count, weights, taps);
    }
}
