using System.Buffers;

namespace Prelabel.Inference.Ocr;

/// <summary>
/// Walks the 8-connected components of a thresholded map one at a time (iterative scanline fill, explicit stack)
/// and hands out each component's convex hull (of its pixels' corners) and mean probability.
/// </summary>
internal sealed class ComponentScanner : IDisposable
{
    private const byte Background = 0;
    private const byte Foreground = 1;
    private const byte Visited = 2;

    private static readonly Comparison<PointF> ByXThenY = ConvexHull.CompareXY;

    private readonly int width;
    private readonly int height;
    private readonly byte[] state;
    private int[] stack;
    private readonly int[] rowMin;
    private readonly int[] rowMax;
    private readonly PointF[] corners;
    private readonly PointF[] hull;
    private int scan;

    public ComponentScanner(ReadOnlySpan<float> probabilities, int width, int height, float threshold)
    {
        this.width = width;
        this.height = height;
        var size = width * height;
        state = ArrayPool<byte>.Shared.Rent(size);
        stack = ArrayPool<int>.Shared.Rent(Math.Max(size / 4, 64));
        rowMin = ArrayPool<int>.Shared.Rent(height);
        rowMax = ArrayPool<int>.Shared.Rent(height);
        corners = ArrayPool<PointF>.Shared.Rent(4 * height);
        hull = ArrayPool<PointF>.Shared.Rent(8 * height);
        for (var i = 0; i < size; i++)
        {
            state[i] = probabilities[i] > threshold ? Foreground : Background;
        }

        Array.Fill(rowMin, int.MaxValue, 0, height);
        Array.Fill(rowMax, -1, 0, height);
    }

    /// <summary>Moves to the next component in row-major order of its first pixel; false when none is left.</summary>
    public bool Next(ReadOnlySpan<float> probabilities, out ReadOnlySpan<PointF> componentHull, out float meanProbability)
    {
        var size = width * height;
        while (scan < size && state[scan] != Foreground)
        {
            scan++;
        }

        if (scan >= size)
        {
            componentHull = default;
            meanProbability = 0;
            return false;
        }

        var (minY, maxY, sum, count) = Fill(probabilities, scan);
        var cornerCount = 0;
        for (var y = minY; y <= maxY; y++)
        {
            // The hull of a union of unit squares only needs the outer corners of each row's end pixels.
            corners[cornerCount++] = new PointF(rowMin[y], y);
            corners[cornerCount++] = new PointF(rowMin[y], y + 1);
            corners[cornerCount++] = new PointF(rowMax[y] + 1, y);
            corners[cornerCount++] = new PointF(rowMax[y] + 1, y + 1);
            rowMin[y] = int.MaxValue;
            rowMax[y] = -1;
        }

        var sorted = corners.AsSpan(0, cornerCount);
        sorted.Sort(ByXThenY);
        var hullCount = ConvexHull.FromSorted(sorted, hull);
        componentHull = hull.AsSpan(0, hullCount);
        meanProbability = (float)(sum / count);
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(state);
        ArrayPool<int>.Shared.Return(stack);
        ArrayPool<int>.Shared.Return(rowMin);
        ArrayPool<int>.Shared.Return(rowMax);
        ArrayPool<PointF>.Shared.Return(corners);
        ArrayPool<PointF>.Shared.Return(hull);
    }

    // Scanline flood fill: each stack entry is a seed pixel; its whole horizontal run is taken at once, then the rows
    // above and below are searched from one pixel left of the run to one pixel right of it (8-connectivity).
    private (int MinY, int MaxY, double Sum, int Count) Fill(ReadOnlySpan<float> probabilities, int seed)
    {
        var top = 0;
        stack[top++] = seed;
        int minY = int.MaxValue, maxY = -1, count = 0;
        double sum = 0;
        while (top > 0)
        {
            var index = stack[--top];
            if (state[index] != Foreground)
            {
                continue;
            }

            var y = index / width;
            var row = y * width;
            var left = index - row;
            var right = left;
            while (left > 0 && state[row + left - 1] == Foreground)
            {
                left--;
            }

            while (right < width - 1 && state[row + right + 1] == Foreground)
            {
                right++;
            }

            for (var x = left; x <= right; x++)
            {
                state[row + x] = Visited;
                sum += probabilities[row + x];
            }

            count += right - left + 1;
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
            rowMin[y] = Math.Min(rowMin[y], left);
            rowMax[y] = Math.Max(rowMax[y], right);

            var from = Math.Max(left - 1, 0);
            var to = Math.Min(right + 1, width - 1);
            if (y > 0)
            {
                top = PushRunStarts(row - width, from, to, top);
            }

            if (y < height - 1)
            {
                top = PushRunStarts(row + width, from, to, top);
            }
        }

        return (minY, maxY, sum, count);
    }

    private int PushRunStarts(int row, int from, int to, int top)
    {
        var inRun = false;
        for (var x = from; x <= to; x++)
        {
            var foreground = state[row + x] == Foreground;
            if (foreground && !inRun)
            {
                // A pixel can be queued again from another run before it is taken, so the stack may outgrow the map.
                if (top == stack.Length)
                {
                    var larger = ArrayPool<int>.Shared.Rent(stack.Length * 2);
                    stack.AsSpan(0, top).CopyTo(larger);
                    ArrayPool<int>.Shared.Return(stack);
                    stack = larger;
                }

                stack[top++] = row + x;
            }

            inRun = foreground;
        }

        return top;
    }
}
