using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class RotatedRectangleTests
{
    [Fact]
    public void Corners_run_clockwise_on_screen_from_the_top_left()
    {
        var quad = new RotatedRectangle(new PointF(10, 5), 8, 4, 0).ToQuad();

        Assert.Equal(new Quad(new(6, 3), new(14, 3), new(14, 7), new(6, 7)), quad);
    }

    [Theory]
    [InlineData(90f, 2f, 10f, 0f)]
    [InlineData(-90f, 2f, 10f, 0f)]
    [InlineData(180f, 10f, 2f, 0f)]
    [InlineData(60f, 2f, 10f, -30f)]
    [InlineData(44f, 10f, 2f, 44f)]
    [InlineData(-50f, 2f, 10f, 40f)]
    public void Angle_is_kept_within_45_degrees_of_horizontal_by_swapping_sides(float degrees, float width, float height, float normalisedDegrees)
    {
        var rect = new RotatedRectangle(default, 10, 2, degrees * MathF.PI / 180);

        Assert.Equal(width, rect.Width, 1e-4f);
        Assert.Equal(height, rect.Height, 1e-4f);
        Assert.Equal(normalisedDegrees, rect.Angle * 180 / MathF.PI, 1e-3f);
    }

    [Fact]
    public void Growing_moves_every_side_out_by_the_distance()
    {
        var grown = new RotatedRectangle(new PointF(1, 1), 10, 4, 0.3f).Grow(1.5f);

        Assert.Equal(13, grown.Width, 1e-5f);
        Assert.Equal(7, grown.Height, 1e-5f);
        Assert.Equal(0.3f, grown.Angle);
        Assert.Equal(new PointF(1, 1), grown.Center);
    }

    [Fact]
    public void Area_and_perimeter_match_the_sides()
    {
        var rect = new RotatedRectangle(default, 10, 4, 0.2f);

        Assert.Equal(40, rect.Area, 1e-4);
        Assert.Equal(28, rect.Perimeter, 1e-4);
        Assert.Equal(rect.Area, rect.ToQuad().Area(), 1e-3);
    }
}
