using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

/// <summary>
/// A timm / torchvision style classifier described by a sidecar: a real graph whose logits are the mean of each input
/// channel, fed a pure red image, shows which normalisation and channel order reached the tensor.
/// </summary>
public class InputPreprocessingTests(YoloFixture fixture) : IClassFixture<YoloFixture>
{
    private YoloModel Classifier(string sidecar)
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Folder, Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, "resnet.onnx");
        new OnnxModelBuilder()
            .Input("pixel_values", TensorElementType.Float, 1, 3, 224, 224)
            .Output("logits", TensorElementType.Float, 1, 3)
            .Node("ReduceMean", ["pixel_values"], ["logits"], ("axes", new long[] { 2, 3 }), ("keepdims", 0L))
            .Save(path);
        File.WriteAllText(Path.ChangeExtension(path, ".json"), sidecar);
        return new YoloModel(path, fixture.Sessions);
    }

    private byte[] Red()
    {
        var path = Path.Combine(fixture.Folder, "red-400x300.png");
        if (!File.Exists(path)) ImageMagick.Convert("-size", "400x300", "xc:rgb(255,0,0)", path);
        return File.ReadAllBytes(path);
    }

    private static float Softmax(float[] logits, int i) => MathF.Exp(logits[i]) / logits.Sum(MathF.Exp);

    [Fact]
    public void Sidecar_mean_and_std_normalise_the_input()
    {
        using var model = Classifier("""{"task": "classify", "names": ["red", "green", "blue"], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "resize": 256}""");

        var probabilities = model.Predict(Red(), YoloOptions.Default).ClassProbabilities!;

        // Red 255 → (1 - 0.5) / 0.5 = 1, green and blue 0 → -1: logits [1, -1, -1].
        float[] logits = [1, -1, -1];
        Assert.Equal([Softmax(logits, 0), Softmax(logits, 1), Softmax(logits, 2)], probabilities, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(224, model.Metadata.InputWidth);
    }

    [Fact]
    public void Bgr_channel_order_puts_red_in_the_last_channel()
    {
        using var model = Classifier("""{"task": "classify", "names": ["b", "g", "r"], "channel_order": "bgr"}""");

        var probabilities = model.Predict(Red(), YoloOptions.Default).ClassProbabilities!;

        Assert.Equal(2, probabilities.ToList().IndexOf(probabilities.Max()));
    }

    [Fact]
    public void Without_a_sidecar_normalisation_the_input_is_rgb_in_0_to_1()
    {
        using var model = Classifier("""{"task": "classify", "names": ["red", "green", "blue"]}""");

        var probabilities = model.Predict(Red(), YoloOptions.Default).ClassProbabilities!;

        // Channel means [1, 0, 0] already form a distribution, so they come back as they are.
        Assert.Equal([1f, 0f, 0f], probabilities, (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Theory]
    [InlineData("""{"task": "classify", "names": ["a"], "std": [0, 1, 1]}""", "std")]
    [InlineData("""{"task": "classify", "names": ["a"], "mean": [0.5]}""", "mean")]
    [InlineData("""{"task": "classify", "names": ["a"], "channel_order": "rbg"}""", "channel_order")]
    public void A_bad_sidecar_value_is_named(string sidecar, string key)
    {
        using var model = Classifier(sidecar);

        var error = Assert.Throws<OnnxModelException>(() => model.Metadata);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Contains(key, error.Message);
    }
}
