using Prelabel.Inference.Yolo;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class ClassifyDecoderTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private const string Names = """["cat", "dog", "bird"]""";

    [Theory]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f }, false)]
    [InlineData(new[] { 0f, 1f, 0f }, false)]
    [InlineData(new[] { 1f, 2f, 3f }, true)]
    [InlineData(new[] { -1f, 0.5f, 1.5f }, true)]
    [InlineData(new[] { 0.2f, 0.2f, 0.2f }, true)]
    public void A_model_that_says_nothing_is_taken_as_probabilities_only_when_its_row_is_a_distribution(float[] output, bool softmax)
    {
        using var model = Classifier(output, $$"""{"task": "classify", "names": {{Names}}, "imgsz": [224, 224]}""");

        var prediction = model.Predict(fixture.Image(1280, 720), YoloOptions.Default);

        AssertNear(softmax ? Softmax(output) : output, prediction.ClassProbabilities!);
        Assert.Empty(prediction.Detections);
        Assert.Equal((1280, 720), (prediction.Width, prediction.Height));
    }

    [Theory]
    [InlineData(new[] { 0.2f, 0.2f, 0.2f })]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f })]
    public void An_ultralytics_classify_export_ends_in_its_softmax_so_its_row_is_never_softmaxed_again(float[] output)
    {
        // Ultralytics' metadata (task: classify) says what the model is; a row summing to 0.6 is still its probabilities.
        var oracle = new YoloOracle("classify", "cat", "dog", "bird").Input(224, 224).Output("output0", output, 1, 3);
        using var model = fixture.Model(oracle);

        var prediction = model.Predict(fixture.Image(640, 480), YoloOptions.Default);

        Assert.Equal(ClassifierOutput.Probabilities, model.Metadata.Output);
        AssertNear(output, prediction.ClassProbabilities!);
    }

    [Fact]
    public void A_sidecar_saying_logits_is_softmaxed_even_when_the_row_sums_to_one()
    {
        float[] output = [0.1f, 0.7f, 0.2f];
        using var model = Classifier(output, $$"""{"task": "classify", "names": {{Names}}, "imgsz": [224, 224], "output": "logits"}""");

        AssertNear(Softmax(output), model.Predict(fixture.Image(640, 480), YoloOptions.Default).ClassProbabilities!);
    }

    [Theory]
    [InlineData(new[] { 1f, 2f, -3f })]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f })]
    public void A_multi_label_sigmoid_head_gets_one_sigmoid_per_class_and_never_a_softmax(float[] output)
    {
        using var model = Classifier(output, $$"""{"task": "classify", "names": {{Names}}, "imgsz": [224, 224], "output": "sigmoid"}""");

        var probabilities = model.Predict(fixture.Image(640, 480), YoloOptions.Default).ClassProbabilities!;

        AssertNear(output.Select(v => 1f / (1f + MathF.Exp(-v))).ToArray(), probabilities);
        Assert.NotEqual(1f, probabilities.Sum(), 1e-3f);
    }

    [Fact]
    public void A_sidecar_saying_probabilities_passes_a_multi_label_row_through()
    {
        float[] output = [0.9f, 0.8f, 0.05f];
        using var model = Classifier(output, $$"""{"task": "classify", "names": {{Names}}, "imgsz": [224, 224], "output": "probabilities"}""");

        AssertNear(output, model.Predict(fixture.Image(640, 480), YoloOptions.Default).ClassProbabilities!);
    }

    [Fact]
    public void An_unknown_output_kind_fails_naming_the_choices()
    {
        using var model = Classifier([1f, 2f, 3f], $$"""{"task": "classify", "names": {{Names}}, "imgsz": [224, 224], "output": "softmax"}""");

        var error = Assert.Throws<OnnxModelException>(() => model.Metadata);

        Assert.Contains("\"logits\", \"probabilities\" or \"sigmoid\", not \"softmax\"", error.Message);
    }

    [Fact]
    public void An_output_with_the_wrong_number_of_classes_fails_clearly()
    {
        var oracle = new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.5f, 0.3f, 0.2f], 1, 3);
        using var model = fixture.Model(oracle);

        var error = Assert.Throws<OnnxModelException>(() => model.Predict(fixture.Image(640, 480), YoloOptions.Default));

        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Contains("oracle.onnx", error.Message);
        Assert.Contains("2 class names", error.Message);
    }

    /// <summary>An oracle without Ultralytics' metadata, described by a sidecar as a timm or torchvision export is.</summary>
    private YoloModel Classifier(float[] output, string sidecar)
    {
        var oracle = new YoloOracle("classify", "cat", "dog", "bird").Input(224, 224).Output("output0", output, 1, 3).WithoutMetadata();
        var model = fixture.Model(oracle);
        File.WriteAllText(YoloMetadata.SidecarPath(model.Path), sidecar);
        return model;
    }

    private static float[] Softmax(float[] logits) => logits.Select(v => MathF.Exp(v) / logits.Sum(MathF.Exp)).ToArray();

    private static void AssertNear(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(want, got, 1e-6f);
        }
    }
}
