using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class PointFTests
{
    [Fact]
    public void Arithmetic_works_per_coordinate()
    {
        var (a, b) = (new PointF(1, 2), new PointF(4, 6));

        Assert.Equal(new PointF(5, 8), a + b);
        Assert.Equal(new PointF(3, 4), b - a);
        Assert.Equal(new PointF(2, 4), a * 2);
    }

    [Fact]
    public void Distance_is_euclidean()
    {
        Assert.Equal(5, new PointF(1, 2).DistanceTo(new PointF(4, 6)), 1e-6f);
    }
}
