using System.Numerics;
using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class MaskContourTests
{
    [Theory]
    [InlineData(new[] { "#" }, new[] { 0f, 0, 1, 0, 1, 1, 0, 1 })]
    [InlineData(new[] { "....", ".##.", ".##.", "...." }, new[] { 1f, 1, 3, 1, 3, 3, 1, 3 })]
    [InlineData(new[] { "#..", "#..", "###" }, new[] { 0f, 0, 1, 0, 1, 2, 3, 2, 3, 3, 0, 3 })]
    [InlineData(new[] { "###", "#.#", "###" }, new[] { 0f, 0, 3, 0, 3, 3, 0, 3 })]
    [InlineData(new[] { "#..", ".#." }, new[] { 0f, 0, 1, 0, 1, 1, 2, 1, 2, 2, 1, 2, 1, 1, 0, 1 })]
    [InlineData(new[] { ".##", "##." }, new[] { 1f, 0, 3, 0, 3, 1, 2, 1, 2, 2, 0, 2, 0, 1, 1, 1 })]
    public void The_outline_runs_clockwise_along_pixel_edges_from_the_first_pixel_turning_only_at_corners(string[] rows, float[] xy)
    {
        var (mask, width, height) = Mask(rows);

        var outline = MaskContour.Outer(mask, width, height);

        Assert.Equal(Points(xy), outline);
    }

    [Fact]
    public void Only_the_largest_blob_is_traced()
    {
        var (mask, width, height) = Mask(["#....", ".....", "..###", "..###"]);

        Assert.Equal(Points([2, 2, 5, 2, 5, 4, 2, 4]), MaskContour.Outer(mask, width, height));
    }

    [Fact]
    public void An_empty_mask_has_no_outline()
    {
        Assert.Empty(MaskContour.Outer(new byte[12], 4, 3));
    }

    [Fact]
    public void A_disc_outline_encloses_exactly_the_disc_pixels()
    {
        const int Size = 41;
        var mask = new byte[Size * Size];
        var pixels = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= 18 * 18)
                {
                    mask[y * Size + x] = 255;
                    pixels++;
                }
            }
        }

        var outline = MaskContour.Outer(mask, Size, Size);

        Assert.Equal(pixels, ShoelaceArea(outline), 3);
    }

    private static (byte[] Mask, int Width, int Height) Mask(string[] rows) =>
        (rows.SelectMany(r => r.Select(c => c == '#' ? (byte)255 : (byte)0)).ToArray(), rows[0].Length, rows.Length);

    private static Vector2[] Points(float[] xy) => Enumerable.Range(0, xy.Length / 2).Select(i => new Vector2(xy[2 * i], xy[2 * i + 1])).ToArray();

    private static double ShoelaceArea(IReadOnlyList<Vector2> points) =>
        Math.Abs(points.Select((p, i) => (double)p.X * points[(i + 1) % points.Count].Y - (double)points[(i + 1) % points.Count].X * p.Y).Sum() / 2);
}
