using System.Security.Cryptography;
using Prelabel.Imaging;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class YoloModelTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private static YoloOracle Detector() => new YoloOracle("detect", "person", "car")
        .ChannelMajor("output0", Expect.Row(new Letterboxed(640, 480).Box(10, 10, 100, 100), 0.9f, 0.1f));

    [Fact]
    public void The_model_version_is_the_file_name_and_the_start_of_its_sha256()
    {
        using var model = fixture.Model(Detector(), "yolo11n-custom");

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.Path)));

        Assert.Equal("yolo11n-custom-" + hash[..8], model.ModelVersion);
    }

    [Fact]
    public void The_metadata_comes_from_the_model()
    {
        using var model = fixture.Model(Detector().Input(320, 256));

        Assert.Equal(new YoloMetadata(YoloTask.Detect, model.Metadata.Names, 320, 256, 32, null), model.Metadata);
        Assert.Equal(["person", "car"], model.Metadata.Names);
    }

    [Fact]
    public void Nothing_is_read_until_the_model_is_used()
    {
        var path = Path.Combine(fixture.Folder, "not-there.onnx");
        using var model = new YoloModel(path, SessionSettings.Default);

        var error = Assert.Throws<FileNotFoundException>(() => model.ModelVersion);

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_model_without_metadata_is_described_by_its_sidecar()
    {
        using var model = fixture.Model(Detector().WithoutMetadata(), "bare");
        File.WriteAllText(YoloMetadata.SidecarPath(model.Path), """{"task":"detect","names":["person","car"],"imgsz":[640,640]}""");

        var prediction = model.Predict(fixture.Image(640, 480), YoloOptions.Default);

        Expect.Box(0, 0.9f, 10, 10, 100, 100, Assert.Single(prediction.Detections));
    }

    [Fact]
    public void A_model_without_metadata_or_sidecar_fails_saying_what_is_missing()
    {
        using var model = fixture.Model(Detector().WithoutMetadata(), "bare");

        var error = Assert.Throws<OnnxModelException>(() => model.Predict(fixture.Image(640, 480), YoloOptions.Default));
        Assert.IsType<InvalidDataException>(error.InnerException);

        Assert.Contains("task, names", error.Message);
        Assert.Contains(YoloMetadata.SidecarPath(model.Path), error.Message);
    }

    [Fact]
    public void Every_stage_is_timed()
    {
        using var model = fixture.Model(Detector());

        var timings = model.Predict(fixture.Image(640, 480), YoloOptions.Default).Timings;

        Assert.All(new[] { timings.Decode, timings.Preprocess, timings.Inference, timings.Postprocess }, t => Assert.True(t >= 0));
        Assert.True(timings.Inference > 0);
    }

    [Fact]
    public void A_cancelled_prediction_stops()
    {
        using var model = fixture.Model(Detector());

        Assert.Throws<OperationCanceledException>(() => model.Predict(fixture.Image(640, 480), YoloOptions.Default, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Images_over_the_pixel_limit_are_refused()
    {
        using var model = fixture.Model(Detector());

        var error = Assert.Throws<ImageDecodeException>(() => model.Predict(fixture.Image(640, 480), new YoloOptions(MaxImagePixels: 640 * 480 - 1)));

        Assert.Contains("over the limit", error.Message);
    }

    [Fact]
    public void Concurrent_predictions_share_one_session_and_agree()
    {
        using var model = fixture.Model(Detector());
        var image = fixture.Image(640, 480);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => model.Predict(image, YoloOptions.Default).Detections.Single()).ToArray();

        Assert.All(results, d => Expect.Box(0, 0.9f, 10, 10, 100, 100, d));
    }
}
