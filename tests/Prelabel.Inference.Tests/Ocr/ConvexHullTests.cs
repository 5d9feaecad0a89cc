using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class ConvexHullTests
{
    [Fact]
    public void Interior_edge_and_duplicate_points_are_left_out()
    {
        PointF[] points = [new(0, 0), new(2, 0), new(4, 0), new(4, 4), new(0, 4), new(1, 1), new(2, 3), new(0, 2), new(4, 4), new(0, 0)];

        var hull = ConvexHull.Compute(points);

        Assert.Equal([new(0, 0), new(4, 0), new(4, 4), new(0, 4)], hull);
    }

    [Fact]
    public void Hull_turns_counterclockwise_in_x_right_y_up_terms()
    {
        var hull = ConvexHull.Compute([new(3, 1), new(0, 0), new(1, 5), new(5, 4), new(2, 2)]);

        double twiceSigned = 0;
        for (var i = 0; i < hull.Length; i++)
        {
            var (a, b) = (hull[i], hull[(i + 1) % hull.Length]);
            twiceSigned += (a.X * b.Y) - (b.X * a.Y);
        }

        Assert.True(twiceSigned > 0);
        Assert.Equal(4, hull.Length);
    }

    [Fact]
    public void Collinear_points_give_their_two_ends()
    {
        var hull = ConvexHull.Compute([new(2, 2), new(0, 0), new(3, 3), new(1, 1)]);

        Assert.Equal([new(0, 0), new(3, 3)], hull);
    }

    [Fact]
    public void Repeated_single_point_gives_one_vertex()
    {
        Assert.Equal([new(1, 2)], ConvexHull.Compute([new(1, 2), new(1, 2), new(1, 2)]));
    }

    [Fact]
    public void No_points_give_an_empty_hull()
    {
        Assert.Empty(ConvexHull.Compute([]));
    }
}
