using Prelabel.Inference.Yolo;
using Prelabel.Testing;
using Prelabel.Onnx;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class DetectDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private static readonly string[] Names = ["person", "car", "dog"];

    [Theory]
    [InlineData(1280, 720, "png")]
    [InlineData(720, 1280, "png")]
    [InlineData(1280, 720, "jpg")]
    [InlineData(2000, 1500, "jpg")]
    public void A_v8_head_gives_the_boxes_it_holds_in_original_pixels_after_nms_and_the_confidence_cut(int width, int height, string format)
    {
        var frame = new Letterboxed(width, height);
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0",
            Expect.Row(frame.Box(100, 50, 500, 650), 0.9f, 0.05f, 0.01f),
            Expect.Row(frame.Box(300, 200, 700, 700), 0.1f, 0.8f, 0.01f),
            Expect.Row(frame.Box(110, 60, 510, 660), 0.6f, 0.05f, 0.01f),
            Expect.Row(frame.Box(10, 10, 60, 60), 0.01f, 0.01f, 0.2f));
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(width, height, format), YoloOptions.Default);

        Assert.Equal((width, height), (prediction.Width, prediction.Height));
        Assert.Null(prediction.ClassProbabilities);
        Assert.Collection(prediction.Detections,
            d => Expect.Box(0, 0.9f, 100, 50, 500, 650, d),
            d => Expect.Box(1, 0.8f, 300, 200, 700, 700, d));
        Assert.All(prediction.Detections, d => Assert.True(d.Rotation is null && d.Polygon is null && d.Mask is null && d.Keypoints is null));
    }

    [Fact]
    public void A_v5_head_gates_on_objectness_and_scores_objectness_times_class()
    {
        var frame = new Letterboxed(1280, 720);
        var oracle = new YoloOracle("detect", Names).AnchorMajor("output0",
            Expect.Row(frame.Box(100, 50, 500, 650), 0.95f, 0.9f, 0.05f, 0.01f),
            Expect.Row(frame.Box(600, 100, 900, 400), 0.2f, 0.01f, 1f, 0.01f),
            Expect.Row(frame.Box(700, 300, 1200, 700), 0.5f, 0.01f, 0.01f, 0.8f));
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(1280, 720), YoloOptions.Default);

        Assert.Collection(prediction.Detections,
            d => Expect.Box(0, 0.95f * 0.9f, 100, 50, 500, 650, d),
            d => Expect.Box(2, 0.5f * 0.8f, 700, 300, 1200, 700, d));
    }

    [Fact]
    public void A_dynamic_export_runs_at_its_metadata_imgsz_even_when_not_square()
    {
        var frame = new Letterboxed(1280, 720, InputWidth: 640, InputHeight: 480);
        var oracle = new YoloOracle("detect", Names).Input(640, 480, dynamic: true)
            .ChannelMajor("output0", Expect.Row(frame.Box(1000, 20, 1270, 710), 0.1f, 0.7f, 0.1f));
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(1280, 720), YoloOptions.Default);

        Assert.Equal((640, 480), (model.Metadata.InputWidth, model.Metadata.InputHeight));
        Expect.Box(1, 0.7f, 1000, 20, 1270, 710, Assert.Single(prediction.Detections));
    }

    [Fact]
    public void Boxes_of_an_exif_rotated_jpeg_are_in_the_upright_frame()
    {
        var frame = new Letterboxed(720, 1280);
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0", Expect.Row(frame.Box(20, 900, 300, 1250), 0.1f, 0.1f, 0.9f));
        using var model = fixture.Model(oracle);
        var stored = ExifOrientation.Add(fixture.Image(1280, 720, "jpg"), 6);

        var prediction = model.Predict(stored, YoloOptions.Default);

        Assert.Equal((720, 1280), (prediction.Width, prediction.Height));
        Expect.Box(2, 0.9f, 20, 900, 300, 1250, Assert.Single(prediction.Detections));
    }

    [Fact]
    public void Boxes_reaching_past_the_image_are_clipped_to_it()
    {
        var frame = new Letterboxed(1280, 720);
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0", Expect.Row(frame.Box(-50, -40, 1300, 800), 0.9f, 0f, 0f));
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(1280, 720), YoloOptions.Default);

        Expect.Box(0, 0.9f, 0, 0, 1280, 720, Assert.Single(prediction.Detections));
    }

    [Theory]
    [InlineData(0.25f, 300, new[] { 0.9f, 0.7f, 0.5f, 0.3f })]
    [InlineData(0.5f, 300, new[] { 0.9f, 0.7f })]
    [InlineData(0.25f, 2, new[] { 0.9f, 0.7f })]
    [InlineData(0.95f, 300, new float[0])]
    public void Confidence_and_max_detections_limit_what_comes_back_best_first(float confidence, int maxDetections, float[] scores)
    {
        var frame = new Letterboxed(1280, 720);
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0",
            Expect.Row(frame.Box(0, 0, 100, 100), 0.3f, 0, 0),
            Expect.Row(frame.Box(200, 0, 300, 100), 0.9f, 0, 0),
            Expect.Row(frame.Box(400, 0, 500, 100), 0, 0.5f, 0),
            Expect.Row(frame.Box(600, 0, 700, 100), 0, 0, 0.7f));
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(1280, 720), new YoloOptions(Confidence: confidence, MaxDetections: maxDetections));

        Assert.Equal(scores, prediction.Detections.Select(d => d.Score));
    }

    [Fact]
    public void The_iou_option_decides_whether_overlapping_boxes_of_a_class_merge()
    {
        var frame = new Letterboxed(1280, 720);
        // 200x200 boxes shifted by 100: IoU 1/3.
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0",
            Expect.Row(frame.Box(0, 0, 200, 200), 0.9f, 0, 0),
            Expect.Row(frame.Box(100, 0, 300, 200), 0.8f, 0, 0));
        using var model = fixture.Model(oracle);

        Assert.Equal(2, model.Predict(fixture.Image(1280, 720), YoloOptions.Default).Detections.Count);
        Assert.Single(model.Predict(fixture.Image(1280, 720), new YoloOptions(Iou: 0.3f)).Detections);
    }

    [Fact]
    public void An_output_that_does_not_fit_the_class_names_fails_clearly()
    {
        var oracle = new YoloOracle("detect", Names).ChannelMajor("output0", new float[4 + 7]);
        using var model = fixture.Model(oracle);

        var error = Assert.Throws<OnnxModelException>(() => model.Predict(fixture.Image(1280, 720), YoloOptions.Default));
        Assert.IsType<InvalidDataException>(error.InnerException);

        Assert.Contains("[1, 11, 8400]", error.Message);
        Assert.Contains("[1, 7, anchors]", error.Message);
    }
}
