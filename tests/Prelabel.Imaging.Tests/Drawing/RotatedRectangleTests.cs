using Prelabel.Imaging.Drawing;
using Prelabel.Imaging.Tests.Support;

namespace Prelabel.Imaging.Tests.Drawing;

public sealed class RotatedRectangleTests
{
    [Fact]
    public void Without_rotation_the_corners_are_the_box_corners_clockwise_from_top_left()
    {
        var corners = new RotatedRectangle(10, 20, 30, 40, 0).Corners();

        Assert.Equal([new(10, 20), new(40, 20), new(40, 60), new(10, 60)], corners);
    }

    [Fact]
    public void Rotation_turns_the_box_clockwise_about_its_top_left_corner()
    {
        var corners = new RotatedRectangle(10, 10, 20, 10, 90).Corners();

        AssertNear(new(10, 10), corners[0]);
        AssertNear(new(10, 30), corners[1]);
        AssertNear(new(0, 30), corners[2]);
        AssertNear(new(0, 10), corners[3]);
    }

    [Fact]
    public void A_drawn_rotated_box_touches_its_rotated_corners_and_not_the_unrotated_ones()
    {
        var image = new RgbImage(60, 60);
        var box = new RotatedRectangle(20, 10, 30, 20, 30);

        box.Draw(image, RgbColor.White, thickness: 3);

        foreach (ImagePoint corner in box.Corners())
            Assert.True(Painted.At(image, (int)corner.X, (int)corner.Y), $"corner {corner}");
        Assert.False(Painted.At(image, 50, 10), "unrotated top-right");
        Assert.False(Painted.At(image, 50, 30), "unrotated bottom-right");
        var centre = box.Corners().Aggregate((a, b) => new(a.X + b.X, a.Y + b.Y));
        Assert.False(Painted.At(image, (int)(centre.X / 4), (int)(centre.Y / 4)), "centre");
    }

    private static void AssertNear(ImagePoint expected, ImagePoint actual)
    {
        Assert.True(Math.Abs(expected.X - actual.X) < 1e-9 && Math.Abs(expected.Y - actual.Y) < 1e-9, $"expected {expected}, got {actual}");
    }
}
