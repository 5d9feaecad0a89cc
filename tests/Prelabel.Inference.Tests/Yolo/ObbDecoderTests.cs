using System.Numerics;
using Prelabel.Inference.Yolo;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class ObbDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private const float Degree = 1e-3f;

    [Theory]
    [InlineData(0f, 200f, 100f, 0f, 200f, 100f)]
    [InlineData(30f, 200f, 100f, 30f, 200f, 100f)]
    [InlineData(90f, 200f, 100f, 0f, 100f, 200f)]
    [InlineData(120f, 200f, 100f, 30f, 100f, 200f)]
    [InlineData(-30f, 200f, 100f, 60f, 100f, 200f)]
    [InlineData(200f, 200f, 100f, 20f, 200f, 100f)]
    [InlineData(-135f, 80f, 300f, 45f, 80f, 300f)]
    public void An_oriented_box_comes_back_as_a_label_studio_rectangle_turned_less_than_a_quarter(
        float modelDegrees, float width, float height, float rotation, float expectedWidth, float expectedHeight)
    {
        var frame = new Letterboxed(1280, 720);
        var centre = frame.ToInput(640, 360);
        var oracle = new YoloOracle("obb", "plane", "ship").ChannelMajor("output0",
            [centre.X, centre.Y, frame.LengthToInput(width), frame.LengthToInput(height), 0.05f, 0.85f, modelDegrees * MathF.PI / 180]);
        using var model = fixture.Model(oracle);

        var detection = Assert.Single(model.Predict(fixture.Image(1280, 720), YoloOptions.Default).Detections);

        Assert.Equal((1, 0.85f), (detection.ClassId, detection.Score));
        Assert.Equal(rotation, detection.Rotation!.Value, Degree);
        Assert.Equal(expectedWidth, detection.Width, Expect.Pixel);
        Assert.Equal(expectedHeight, detection.Height, Expect.Pixel);
        AssertSameCorners(UltralyticsCorners(new Vector2(640, 360), width, height, modelDegrees), detection.Corners());
    }

    [Theory]
    [InlineData(1280, 720, 17f)]
    [InlineData(720, 1280, 75f)]
    public void The_label_studio_sdk_formula_on_the_corners_gives_back_the_same_rectangle(int imageWidth, int imageHeight, float degrees)
    {
        var frame = new Letterboxed(imageWidth, imageHeight);
        var centre = frame.ToInput(300, 400);
        var oracle = new YoloOracle("obb", "plane").ChannelMajor("output0",
            [centre.X, centre.Y, frame.LengthToInput(240), frame.LengthToInput(90), 0.7f, degrees * MathF.PI / 180]);
        using var model = fixture.Model(oracle);

        var detection = Assert.Single(model.Predict(fixture.Image(imageWidth, imageHeight), YoloOptions.Default).Detections);

        // label_studio_sdk converter/utils.py convert_yolo_obb_to_annotation, in pixels.
        var p = detection.Corners();
        var mean = (p[0] + p[1] + p[2] + p[3]) / 4;
        var (w, h) = (Vector2.Distance(p[0], p[1]), Vector2.Distance(p[0], p[3]));
        var r = MathF.Atan2(p[1].Y - p[0].Y, p[1].X - p[0].X);
        var topLeft = mean - w / 2 * new Vector2(MathF.Cos(r), MathF.Sin(r)) - h / 2 * new Vector2(-MathF.Sin(r), MathF.Cos(r));
        Assert.Equal(detection.X1, topLeft.X, Expect.Pixel);
        Assert.Equal(detection.Y1, topLeft.Y, Expect.Pixel);
        Assert.Equal(detection.Width, w, Expect.Pixel);
        Assert.Equal(detection.Height, h, Expect.Pixel);
        Assert.Equal(detection.Rotation!.Value, r * 180 / MathF.PI, Degree);
        Assert.Equal(new Vector2(300, 400), mean, new Vector2Comparer(Expect.Pixel));
    }

    [Fact]
    public void Overlapping_oriented_boxes_of_a_class_are_merged_and_of_other_classes_kept()
    {
        var frame = new Letterboxed(1280, 720);
        var c = frame.ToInput(640, 360);
        var (w, h, turn) = (frame.LengthToInput(300), frame.LengthToInput(100), MathF.PI / 4);
        var oracle = new YoloOracle("obb", "plane", "ship").ChannelMajor("output0",
            [c.X, c.Y, w, h, 0.9f, 0, turn],
            [c.X + 2, c.Y + 1, w, h, 0.8f, 0, turn + 0.02f],
            [c.X, c.Y, w, h, 0, 0.7f, turn]);
        using var model = fixture.Model(oracle);

        var detections = model.Predict(fixture.Image(1280, 720), YoloOptions.Default).Detections;

        Assert.Equal([(0, 0.9f), (1, 0.7f)], detections.Select(d => (d.ClassId, d.Score)));
    }

    /// <summary>ultralytics.utils.ops.xywhr2xyxyxyxy.</summary>
    private static Vector2[] UltralyticsCorners(Vector2 centre, float width, float height, float degrees)
    {
        var radians = degrees * MathF.PI / 180;
        var along = new Vector2(MathF.Cos(radians), MathF.Sin(radians)) * width / 2;
        var across = new Vector2(-MathF.Sin(radians), MathF.Cos(radians)) * height / 2;
        return [centre + along + across, centre + along - across, centre - along - across, centre - along + across];
    }

    private static void AssertSameCorners(Vector2[] expected, Vector2[] actual)
    {
        foreach (var corner in expected)
        {
            Assert.Contains(actual, a => Vector2.Distance(a, corner) <= Expect.Pixel);
        }
    }

    private sealed class Vector2Comparer(float tolerance) : IEqualityComparer<Vector2>
    {
        public bool Equals(Vector2 x, Vector2 y) => Vector2.Distance(x, y) <= tolerance;

        public int GetHashCode(Vector2 obj) => 0;
    }
}
