using Prelabel.Inference.Yolo;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class PoseDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(720, 1280)]
    public void Each_person_gets_its_keypoints_in_original_pixels_with_their_visibility(int width, int height)
    {
        var frame = new Letterboxed(width, height);
        var expected = Enumerable.Range(0, 17).Select(k => new YoloKeypoint(100 + 20 * k, 200 + 10 * k, k / 17f)).ToArray();
        var keypoints = expected.SelectMany(k => { var p = frame.ToInput(k.X, k.Y); return new[] { p.X, p.Y, k.Confidence }; });
        var oracle = new YoloOracle("pose", "person").Keypoints(17, 3)
            .ChannelMajor("output0", Expect.Row(frame.Box(80, 150, 500, 500), [0.88f, .. keypoints]));
        using var model = fixture.Model(oracle);

        var detection = Assert.Single(model.Predict(fixture.Image(width, height), YoloOptions.Default).Detections);

        Expect.Box(0, 0.88f, 80, 150, 500, 500, detection);
        Assert.Equal(17, detection.Keypoints!.Count);
        foreach (var (want, got) in expected.Zip(detection.Keypoints))
        {
            Assert.Equal(want.X, got.X, Expect.Pixel);
            Assert.Equal(want.Y, got.Y, Expect.Pixel);
            Assert.Equal(want.Confidence, got.Confidence, 1e-6f);
        }
    }

    [Fact]
    public void Keypoints_without_visibility_have_confidence_one_and_are_clipped_to_the_image()
    {
        var frame = new Letterboxed(1280, 720);
        var (inside, outside) = (frame.ToInput(640, 360), frame.ToInput(-40, 800));
        var oracle = new YoloOracle("pose", "person", "hand").Keypoints(2, 2)
            .ChannelMajor("output0", Expect.Row(frame.Box(10, 10, 1000, 700), [0.1f, 0.7f, inside.X, inside.Y, outside.X, outside.Y]));
        using var model = fixture.Model(oracle);

        var detection = Assert.Single(model.Predict(fixture.Image(1280, 720), YoloOptions.Default).Detections);

        Assert.Equal(1, detection.ClassId);
        Assert.Equal([new YoloKeypoint(640, 360, 1), new YoloKeypoint(0, 720, 1)], detection.Keypoints!);
    }
}
