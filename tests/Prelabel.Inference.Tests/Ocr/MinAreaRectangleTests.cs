using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class MinAreaRectangleTests
{
    [Fact]
    public void Square_rotated_45_degrees_is_fitted_exactly()
    {
        var rect = MinAreaRectangle.Fit([new(0, -1), new(1, 0), new(0, 1), new(-1, 0), new(0, 0), new(0.5f, 0.2f)]);

        Expect.Near(MathF.Sqrt(2), rect.Width, 1e-5f, "width");
        Expect.Near(MathF.Sqrt(2), rect.Height, 1e-5f, "height");
        Expect.Near(new PointF(0, 0), rect.Center, 1e-5f, "centre");
        Expect.Near(MathF.PI / 4, MathF.Abs(rect.Angle), 1e-5f, "angle");
    }

    [Fact]
    public void Axis_aligned_point_cloud_gives_its_bounding_box()
    {
        var rect = MinAreaRectangle.Fit([new(1, 2), new(11, 2), new(11, 6), new(1, 6), new(5, 4), new(3, 2)]);

        Assert.Equal(10, rect.Width, 1e-5f);
        Assert.Equal(4, rect.Height, 1e-5f);
        Assert.Equal(0, rect.Angle, 1e-5f);
        Expect.Near(new PointF(6, 4), rect.Center, 1e-5f, "centre");
    }

    [Theory]
    [InlineData(30f)]
    [InlineData(-20f)]
    [InlineData(44f)]
    [InlineData(75f)]
    public void Corners_of_a_rotated_rectangle_give_back_that_rectangle(float degrees)
    {
        var original = new RotatedRectangle(new PointF(50, 40), 30, 8, degrees * MathF.PI / 180);

        var fitted = MinAreaRectangle.Fit(original.ToQuad().ToArray());

        Assert.Equal(original.Width, fitted.Width, 1e-3f);
        Assert.Equal(original.Height, fitted.Height, 1e-3f);
        Assert.Equal(original.Angle, fitted.Angle, 1e-4f);
        Expect.Near(original.Center, fitted.Center, 1e-3f, "centre");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Calipers_agree_with_trying_every_hull_edge(int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 60)
            .Select(_ => new PointF(random.NextSingle() * 100, random.NextSingle() * 40))
            .ToArray();

        var fitted = MinAreaRectangle.Fit(points);

        Assert.Equal(BruteForceArea(ConvexHull.Compute(points)), fitted.Area, 1e-2);
        foreach (var p in points)
        {
            Assert.True(Contains(fitted, p), $"{p} lies outside the fitted rectangle");
        }
    }

    [Fact]
    public void Single_point_gives_an_empty_rectangle_there()
    {
        var rect = MinAreaRectangle.Fit([new(3, 4)]);

        Assert.Equal(new PointF(3, 4), rect.Center);
        Assert.Equal(0, rect.Area);
    }

    [Fact]
    public void Two_points_give_a_flat_rectangle_along_them()
    {
        var rect = MinAreaRectangle.Fit([new(0, 0), new(3, 4)]);

        Assert.Equal(5, rect.LongSide, 1e-5f);
        Assert.Equal(0, rect.ShortSide);
        Expect.Near(new PointF(1.5f, 2), rect.Center, 1e-5f, "centre");
    }

    [Fact]
    public void No_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MinAreaRectangle.Fit([]));
    }

    private static double BruteForceArea(PointF[] hull)
    {
        var best = double.MaxValue;
        for (var i = 0; i < hull.Length; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Length];
            double length = a.DistanceTo(b), ex = (b.X - a.X) / length, ey = (b.Y - a.Y) / length;
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var p in hull)
            {
                double u = ((p.X - a.X) * ex) + ((p.Y - a.Y) * ey), v = (-(p.X - a.X) * ey) + ((p.Y - a.Y) * ex);
                (minU, maxU, minV, maxV) = (Math.Min(minU, u), Math.Max(maxU, u), Math.Min(minV, v), Math.Max(maxV, v));
            }

            best = Math.Min(best, (maxU - minU) * (maxV - minV));
        }

        return best;
    }

    private static bool Contains(RotatedRectangle rect, PointF p)
    {
        var (cos, sin) = (MathF.Cos(rect.Angle), MathF.Sin(rect.Angle));
        var d = p - rect.Center;
        var u = (d.X * cos) + (d.Y * sin);
        var v = (-d.X * sin) + (d.Y * cos);
        return MathF.Abs(u) <= (rect.Width / 2) + 1e-3f && MathF.Abs(v) <= (rect.Height / 2) + 1e-3f;
    }
}
