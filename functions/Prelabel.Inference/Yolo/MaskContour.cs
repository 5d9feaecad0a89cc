using System.Numerics;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// The outer outline of a binary mask's largest 8-connected blob, traced along pixel edges (vertices on pixel corners,
/// so a lone pixel is its unit square) with the blob on the right: clockwise on screen. Holes are not traced.
/// </summary>
public static class MaskContour
{
    /// <param name="mask">Row-major, non-zero = inside.</param>
    /// <returns>The corners where the outline turns, starting at the top-left corner of the blob's first pixel in row order; empty for an empty mask.</returns>
    public static IReadOnlyList<Vector2> Outer(ReadOnlySpan<byte> mask, int width, int height)
    {
        if (mask.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} mask needs {width * height} bytes, got {mask.Length}.", nameof(mask));
        }

        var (labels, largest, first) = LargestBlob(mask, width, height);
        if (largest == 0)
        {
            return [];
        }

        bool Inside(int x, int y) => (uint)x < (uint)width && (uint)y < (uint)height && labels[y * width + x] == largest;

        var start = (X: first % width, Y: first / width);
        var (x, y, dx, dy) = (start.X, start.Y, 1, 0);
        var corners = new List<Vector2>();
        do
        {
            (x, y) = (x + dx, y + dy);
            var (rx, ry) = (-dy, dx);
            var aheadLeft = Inside(x + (dx - rx - 1) / 2, y + (dy - ry - 1) / 2);
            var aheadRight = Inside(x + (dx + rx - 1) / 2, y + (dy + ry - 1) / 2);
            var (nx, ny) = aheadLeft ? (dy, -dx) : aheadRight ? (dx, dy) : (rx, ry);
            if ((nx, ny) != (dx, dy))
            {
                corners.Add(new Vector2(x, y));
            }

            (dx, dy) = (nx, ny);
        }
        while ((x, y, dx, dy) != (start.X, start.Y, 1, 0));

        return [corners[^1], .. corners[..^1]];
    }

    /// <returns>Per pixel its blob number (0 = outside), the largest blob's number and its first pixel in row order.</returns>
    private static (int[] Labels, int Largest, int First) LargestBlob(ReadOnlySpan<byte> mask, int width, int height)
    {
        var labels = new int[mask.Length];
        var stack = new Stack<int>();
        var (count, largest, largestSize, largestFirst) = (0, 0, 0, -1);
        for (var seed = 0; seed < mask.Length; seed++)
        {
            if (mask[seed] == 0 || labels[seed] != 0)
            {
                continue;
            }

            var label = ++count;
            var size = 0;
            labels[seed] = label;
            stack.Push(seed);
            while (stack.TryPop(out var at))
            {
                size++;
                var (px, py) = (at % width, at / width);
                for (var ny = Math.Max(py - 1, 0); ny <= Math.Min(py + 1, height - 1); ny++)
                {
                    for (var nx = Math.Max(px - 1, 0); nx <= Math.Min(px + 1, width - 1); nx++)
                    {
                        var next = ny * width + nx;
                        if (mask[next] != 0 && labels[next] == 0)
                        {
                            labels[next] = label;
                            stack.Push(next);
                        }
                    }
                }
            }

            if (size > largestSize)
            {
                (largest, largestSize, largestFirst) = (label, size, seed);
            }
        }

        return (labels, largest, largestFirst);
    }
}
