using Prelabel.Inference.Yolo;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class ClassifyDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    [Theory]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f }, false)]
    [InlineData(new[] { 0f, 1f, 0f }, false)]
    [InlineData(new[] { 1f, 2f, 3f }, true)]
    [InlineData(new[] { -1f, 0.5f, 1.5f }, true)]
    [InlineData(new[] { 0.2f, 0.2f, 0.2f }, true)]
    public void Probabilities_pass_through_and_logits_go_through_a_softmax(float[] output, bool softmax)
    {
        var oracle = new YoloOracle("classify", "cat", "dog", "bird").Input(224, 224).Output("output0", output, 1, 3);
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(1280, 720), YoloOptions.Default);

        var total = output.Sum(v => MathF.Exp(v));
        var expected = softmax ? output.Select(v => MathF.Exp(v) / total).ToArray() : output;
        Assert.Equal(3, prediction.ClassProbabilities!.Count);
        foreach (var (want, got) in expected.Zip(prediction.ClassProbabilities))
        {
            Assert.Equal(want, got, 1e-6f);
        }

        Assert.Empty(prediction.Detections);
        Assert.Equal((1280, 720), (prediction.Width, prediction.Height));
    }

    [Fact]
    public void An_output_with_the_wrong_number_of_classes_fails_clearly()
    {
        var oracle = new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.5f, 0.3f, 0.2f], 1, 3);
        using var model = fixture.Model(oracle);

        var error = Assert.Throws<InvalidDataException>(() => model.Predict(fixture.Image(640, 480), YoloOptions.Default));

        Assert.Contains("2 class names", error.Message);
    }
}
