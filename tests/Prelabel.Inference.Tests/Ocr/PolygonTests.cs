using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class PolygonTests
{
    [Fact]
    public void Right_triangle_3_4_5_has_area_6_and_perimeter_12()
    {
        PointF[] triangle = [new(0, 0), new(3, 0), new(0, 4)];

        Assert.Equal(6, Polygon.Area(triangle), 1e-9);
        Assert.Equal(12, Polygon.Perimeter(triangle), 1e-5);
    }

    [Fact]
    public void Area_does_not_depend_on_orientation()
    {
        PointF[] square = [new(0, 0), new(2, 0), new(2, 2), new(0, 2)];

        Assert.Equal(4, Polygon.Area(square), 1e-9);
        Assert.Equal(4, Polygon.Area(square.Reverse().ToArray()), 1e-9);
    }

    [Fact]
    public void Fewer_than_three_points_have_no_area()
    {
        Assert.Equal(0, Polygon.Area([new(1, 1), new(5, 5)]));
        Assert.Equal(0, Polygon.Perimeter([new(1, 1)]));
        Assert.Equal(0, Polygon.Area([]));
    }
}
