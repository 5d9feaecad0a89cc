using System.Numerics;
using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class DouglasPeuckerTests
{
    [Fact]
    public void Points_on_a_straight_line_are_dropped()
    {
        Vector2[] line = [new(0, 0), new(1, 1), new(2, 2), new(5, 5)];

        Assert.Equal([new(0, 0), new(5, 5)], DouglasPeucker.Simplify(line, 0.01f));
    }

    [Theory]
    [InlineData(0.9f, 3)]
    [InlineData(1.1f, 2)]
    public void A_bump_is_kept_only_when_it_sticks_out_more_than_the_tolerance(float tolerance, int points)
    {
        Vector2[] line = [new(0, 0), new(4, 0), new(5, 1), new(6, 0), new(10, 0)];

        Assert.Equal(points, DouglasPeucker.Simplify(line, tolerance).Count);
    }

    [Fact]
    public void A_pixel_staircase_along_a_diagonal_simplifies_to_the_triangle_it_outlines()
    {
        // The traced outline of a right triangle of pixels: a one-pixel staircase along the hypotenuse.
        var ring = new List<Vector2> { new(0, 0), new(1, 0) };
        for (var i = 1; i < 10; i++)
        {
            ring.Add(new Vector2(i, i));
            ring.Add(new Vector2(i + 1, i));
        }

        ring.AddRange([new Vector2(10, 10), new Vector2(0, 10)]);

        var simplified = DouglasPeucker.SimplifyClosed(ring, 1f);

        Assert.Equal([new(0, 0), new(10, 10), new(0, 10)], simplified);
    }

    [Fact]
    public void A_square_ring_with_points_along_its_edges_keeps_its_four_corners()
    {
        Vector2[] ring = [new(0, 0), new(5, 0), new(10, 0), new(10, 5), new(10, 10), new(5, 10), new(0, 10), new(0, 5)];

        Assert.Equal([new(0, 0), new(10, 0), new(10, 10), new(0, 10)], DouglasPeucker.SimplifyClosed(ring, 0.5f));
    }

    [Fact]
    public void Rings_of_three_points_or_fewer_are_returned_as_they_are()
    {
        Vector2[] triangle = [new(0, 0), new(1, 0), new(0, 1)];

        Assert.Equal(triangle, DouglasPeucker.SimplifyClosed(triangle, 5f));
    }
}
