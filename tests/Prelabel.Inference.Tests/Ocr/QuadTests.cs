using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class QuadTests
{
    private static readonly Quad Trapezoid = new(new(0, 0), new(10, 0), new(8, 4), new(2, 4));

    [Fact]
    public void Width_and_height_are_the_longer_opposite_edges()
    {
        Assert.Equal(10, Trapezoid.Width, 1e-5f);
        Assert.Equal(MathF.Sqrt(20), Trapezoid.Height, 1e-5f);
    }

    [Fact]
    public void Bounds_and_centre_cover_all_corners()
    {
        Assert.Equal((0f, 10f, 0f, 4f), (Trapezoid.MinX, Trapezoid.MaxX, Trapezoid.MinY, Trapezoid.MaxY));
        Assert.Equal(new PointF(5, 2), Trapezoid.Center);
    }

    [Fact]
    public void Clipping_clamps_each_corner_into_the_map()
    {
        var quad = new Quad(new(-3, -1), new(12, -2), new(13, 9), new(-1, 8)).ClipTo(10, 5);

        Assert.Equal(new Quad(new(0, 0), new(10, 0), new(10, 5), new(0, 5)), quad);
    }

    [Fact]
    public void Scaling_multiplies_coordinates()
    {
        Assert.Equal(new Quad(new(0, 0), new(20, 0), new(16, 2), new(4, 2)), Trapezoid.Scale(2, 0.5f));
    }

    [Fact]
    public void Area_and_perimeter_use_the_corners()
    {
        Assert.Equal(32, Trapezoid.Area(), 1e-5);
        Assert.Equal(16 + (2 * Math.Sqrt(20)), Trapezoid.Perimeter(), 1e-5);
    }
}
