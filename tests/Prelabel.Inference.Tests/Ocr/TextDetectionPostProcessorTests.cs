using System.Diagnostics;
using Prelabel.Inference.Ocr;
using Xunit.Abstractions;

namespace Prelabel.Inference.Tests.Ocr;

public sealed class TextDetectionPostProcessorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(100, 20)]
    [InlineData(40, 10)]
    [InlineData(200, 32)]
    [InlineData(12, 12)]
    public void Axis_aligned_blob_grows_by_area_times_ratio_over_perimeter_on_every_side(int w, int h)
    {
        const int x = 60, y = 50;
        var lines = new SyntheticMap(400, 160).Rectangle(x, y, w, h, 0.9f).Process();

        var line = Assert.Single(lines);
        var d = Expect.UnclipDistance(w, h);
        Expect.Near(new PointF(x - d, y - d), line.Box.TopLeft, 1e-3f, "top-left");
        Expect.Near(new PointF(x + w + d, y - d), line.Box.TopRight, 1e-3f, "top-right");
        Expect.Near(new PointF(x + w + d, y + h + d), line.Box.BottomRight, 1e-3f, "bottom-right");
        Expect.Near(new PointF(x - d, y + h + d), line.Box.BottomLeft, 1e-3f, "bottom-left");
        Expect.Near(0.9f, line.Score, 1e-5f, "score");
    }

    [Theory]
    [InlineData(30)]
    [InlineData(-30)]
    [InlineData(15)]
    [InlineData(10)]
    public void Rotated_blob_gives_a_rotated_box_of_the_grown_size(float degrees)
    {
        const float w = 120, h = 24;
        var lines = new SyntheticMap(320, 240).Rotated(160, 120, w, h, degrees, 0.8f).Process();

        var box = Assert.Single(lines).Box;
        var (fittedW, fittedH) = Expect.DigitisedSize(w, h, degrees);
        var d = Expect.UnclipDistance(fittedW, fittedH);
        Expect.Near(fittedW + (2 * d), box.TopLeft.DistanceTo(box.TopRight), 1f, "width");
        Expect.Near(fittedH + (2 * d), box.TopLeft.DistanceTo(box.BottomLeft), 1f, "height");
        Expect.Near(new PointF(160, 120), box.Center, 1f, "centre");
        var top = box.TopRight - box.TopLeft;
        Expect.Near(degrees, MathF.Atan2(top.Y, top.X) * 180 / MathF.PI, 2f, "angle of the top edge");
    }

    [Fact]
    public void Steeply_rotated_blob_keeps_the_more_horizontal_side_as_its_top()
    {
        // At 60° the short side is the one within 45° of horizontal, so the box is taller than wide.
        var box = Assert.Single(new SyntheticMap(320, 320).Rotated(160, 160, 150, 24, 60, 0.8f).Process()).Box;

        var (fittedLong, fittedShort) = Expect.DigitisedSize(150, 24, 60);
        var d = Expect.UnclipDistance(fittedLong, fittedShort);
        Expect.Near(fittedShort + (2 * d), box.TopLeft.DistanceTo(box.TopRight), 1f, "width");
        Expect.Near(fittedLong + (2 * d), box.TopLeft.DistanceTo(box.BottomLeft), 1f, "height");
        Assert.True(box.TopLeft.Y < box.BottomLeft.Y);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.59f)]
    [InlineData(0.2f)]
    public void Blob_with_low_probability_is_dropped(float probability)
    {
        Assert.Empty(new SyntheticMap(200, 100).Rectangle(20, 20, 80, 20, probability).Process());
    }

    [Fact]
    public void Score_is_the_mean_probability_of_the_component_pixels()
    {
        var map = new SyntheticMap(200, 100).Rectangle(20, 20, 40, 20, 0.5f).Rectangle(60, 20, 40, 20, 1.0f);

        Expect.Near(0.75f, Assert.Single(map.Process()).Score, 1e-5f, "score");
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 30)]
    [InlineData(30, 2)]
    public void Blob_thinner_than_min_size_is_dropped(int w, int h)
    {
        Assert.Empty(new SyntheticMap(100, 100).Rectangle(40, 40, w, h, 1f).Process());
    }

    [Fact]
    public void Blob_of_exactly_min_size_is_kept()
    {
        var box = Assert.Single(new SyntheticMap(100, 100).Rectangle(20, 40, 50, 3, 1f).Process()).Box;

        Expect.Near(3 + (2 * Expect.UnclipDistance(50, 3)), box.Height, 1e-3f, "height");
    }

    [Fact]
    public void Grown_box_that_stays_under_min_size_plus_two_is_dropped()
    {
        var options = new TextDetectionOptions { UnclipRatio = 0 };

        Assert.Empty(new SyntheticMap(100, 100).Rectangle(20, 40, 50, 4, 1f).Process(options));
        Assert.Single(new SyntheticMap(100, 100).Rectangle(20, 40, 50, 5, 1f).Process(options));
    }

    [Fact]
    public void Boxes_touching_the_borders_are_clipped_to_the_map()
    {
        var lines = new SyntheticMap(100, 60)
            .Rectangle(0, 0, 40, 10, 0.9f)
            .Rectangle(70, 50, 30, 10, 0.9f)
            .Process();

        Assert.Equal(2, lines.Count);
        Assert.Equal(new PointF(0, 0), lines[0].Box.TopLeft);
        Assert.Equal(new PointF(100, 60), lines[1].Box.BottomRight);
        foreach (var p in lines.SelectMany(line => line.Box.ToArray()))
        {
            Assert.InRange(p.X, 0f, 100f);
            Assert.InRange(p.Y, 0f, 60f);
        }
    }

    [Fact]
    public void Two_separated_blobs_give_two_boxes_in_reading_order()
    {
        var lines = new SyntheticMap(300, 120)
            .Rectangle(200, 10, 60, 16, 0.9f)
            .Rectangle(10, 14, 60, 16, 0.8f)
            .Rectangle(10, 70, 60, 16, 0.7f)
            .Process();

        Assert.Equal([0.8f, 0.9f, 0.7f], lines.Select(line => MathF.Round(line.Score, 3)));
    }

    [Fact]
    public void Blobs_touching_only_at_a_corner_are_one_component()
    {
        var lines = new SyntheticMap(200, 100)
            .Rectangle(20, 20, 30, 10, 0.9f)
            .Rectangle(50, 30, 30, 10, 0.9f)
            .Process();

        Assert.Single(lines);
    }

    [Fact]
    public void At_most_max_candidates_components_are_considered()
    {
        var map = new SyntheticMap(300, 60);
        for (var i = 0; i < 5; i++)
        {
            map.Rectangle(10 + (i * 55), 20, 40, 10, 0.9f);
        }

        Assert.Equal(5, map.Process().Count);
        Assert.Equal(2, map.Process(new TextDetectionOptions { MaxCandidates = 2 }).Count);
    }

    [Fact]
    public void A_map_full_of_text_is_one_box_over_the_whole_map_without_deep_recursion()
    {
        var box = Assert.Single(new SyntheticMap(960, 544).Rectangle(0, 0, 960, 544, 0.95f).Process()).Box;

        Assert.Equal(new Quad(new(0, 0), new(960, 0), new(960, 544), new(0, 544)), box);
    }

    [Fact]
    public void Noise_map_of_many_tangled_components_stays_within_bounds()
    {
        var map = new SyntheticMap(300, 200);
        var random = new Random(3);
        for (var i = 0; i < map.Values.Length; i++)
        {
            map.Values[i] = random.NextSingle();
        }

        var lines = map.Process();

        Assert.All(lines.SelectMany(line => line.Box.ToArray()), p => Assert.True(p.X is >= 0 and <= 300 && p.Y is >= 0 and <= 200));
        Assert.All(lines, line => Assert.InRange(line.Score, 0.6f, 1f));
    }

    [Fact]
    public void Empty_map_gives_no_boxes()
    {
        Assert.Empty(new SyntheticMap(64, 32).Process());
    }

    [Fact]
    public void Map_of_the_wrong_length_is_refused()
    {
        var processor = new TextDetectionPostProcessor();

        Assert.Throws<ArgumentException>(() => processor.Process(new float[99], 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.Process([], 0, 10));
    }

    [Fact]
    public void A_960_by_544_page_is_processed_in_a_few_milliseconds()
    {
        var map = new SyntheticMap(960, 544);
        var random = new Random(7);
        for (var row = 0; row < 16; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                map.Rectangle(20 + (col * 310), 10 + (row * 33), 120 + random.Next(160), 14 + random.Next(6), 0.6f + (0.4f * random.NextSingle()));
            }
        }

        map.Rotated(480, 272, 300, 20, 30, 0.9f);
        var processor = new TextDetectionPostProcessor();
        var count = processor.Process(map.Values, map.Width, map.Height).Count;

        const int runs = 30;
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            processor.Process(map.Values, map.Width, map.Height);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine($"960x544 map, {count} lines: min {times[0]:F2} ms, median {times[runs / 2]:F2} ms over {runs} runs (this build's configuration).");
        Assert.InRange(count, 40, 49);
    }
}
