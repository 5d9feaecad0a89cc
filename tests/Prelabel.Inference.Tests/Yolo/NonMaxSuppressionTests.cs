using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class NonMaxSuppressionTests
{
    [Fact]
    public void An_overlapping_box_of_the_same_class_with_a_lower_score_is_suppressed()
    {
        YoloDetection[] boxes = [new(0, 0.6f, 10, 10, 110, 110), new(0, 0.9f, 12, 12, 112, 112)];

        Assert.Equal([1], NonMaxSuppression.Select(boxes, 0.7f, 300));
    }

    [Fact]
    public void An_overlapping_box_of_another_class_is_kept()
    {
        YoloDetection[] boxes = [new(0, 0.9f, 10, 10, 110, 110), new(1, 0.6f, 12, 12, 112, 112)];

        Assert.Equal([0, 1], NonMaxSuppression.Select(boxes, 0.7f, 300));
    }

    [Theory]
    [InlineData(0.49f, 1)]
    [InlineData(0.5f, 2)]
    [InlineData(0.51f, 2)]
    public void A_box_is_suppressed_only_when_its_iou_is_above_the_threshold(float threshold, int kept)
    {
        // A 100x100 box inside a 100x200 one: IoU exactly 0.5.
        YoloDetection[] boxes = [new(0, 0.9f, 0, 0, 100, 100), new(0, 0.8f, 0, 0, 100, 200)];

        Assert.Equal(0.5f, NonMaxSuppression.Iou(boxes[0], boxes[1]));
        Assert.Equal(kept, NonMaxSuppression.Select(boxes, threshold, 300).Count);
    }

    [Fact]
    public void Boxes_come_back_best_first_and_no_more_than_asked()
    {
        YoloDetection[] boxes = [new(0, 0.3f, 0, 0, 10, 10), new(1, 0.9f, 0, 0, 10, 10), new(2, 0.5f, 0, 0, 10, 10)];

        Assert.Equal([1, 2], NonMaxSuppression.Select(boxes, 0.7f, 2));
    }

    [Fact]
    public void A_suppressed_box_does_not_suppress_others()
    {
        // b overlaps a (suppressed), c overlaps b only: c stays, as in torchvision.
        YoloDetection[] boxes = [new(0, 0.9f, 0, 0, 100, 100), new(0, 0.8f, 20, 0, 120, 100), new(0, 0.7f, 70, 0, 170, 100)];

        Assert.Equal([0, 2], NonMaxSuppression.Select(boxes, 0.5f, 300));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(90f)]
    [InlineData(180f)]
    [InlineData(270f)]
    public void A_square_turned_by_quarter_turns_about_its_centre_overlaps_itself_fully(float degrees)
    {
        Assert.Equal(1f, NonMaxSuppression.Iou(Square(0), Square(degrees)), 1e-4f);
    }

    [Fact]
    public void A_square_turned_by_45_degrees_about_its_centre_overlaps_by_an_octagon()
    {
        var octagon = 2 * (MathF.Sqrt(2) - 1) * 100 * 100;

        Assert.Equal(octagon / (2 * 100 * 100 - octagon), NonMaxSuppression.Iou(Square(0), Square(45)), 1e-4f);
    }

    [Fact]
    public void Oriented_boxes_that_do_not_touch_do_not_suppress_each_other()
    {
        YoloDetection[] boxes = [new(0, 0.9f, 0, 0, 100, 20) { Rotation = 30 }, new(0, 0.8f, 0, 60, 100, 80) { Rotation = 30 }];

        Assert.Equal(0f, NonMaxSuppression.Iou(boxes[0], boxes[1]));
        Assert.Equal([0, 1], NonMaxSuppression.Select(boxes, 0.1f, 300));
    }

    /// <summary>A 100x100 square centred on (50, 50), turned clockwise about its centre.</summary>
    private static YoloDetection Square(float degrees)
    {
        var radians = degrees * MathF.PI / 180;
        var x = 50 - 50 * MathF.Cos(radians) + 50 * MathF.Sin(radians);
        var y = 50 - 50 * MathF.Sin(radians) - 50 * MathF.Cos(radians);
        return new YoloDetection(0, 0.9f, x, y, x + 100, y + 100) { Rotation = degrees };
    }
}
