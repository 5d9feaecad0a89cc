namespace Prelabel.Host.Tests;

/// <summary>
/// A real embedding graph for learning tests: the image's mean colour (channel means after mean/std 0.5), so images
/// of separable colours have separable embeddings and the expected answer is known.
/// </summary>
internal static class ColourBackbone
{
    public const string FileName = "colours.onnx";

    public static void Save(string folder)
    {
        new OnnxModelBuilder()
            .Input("pixel_values", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 3, 64, 64)
            .Output("embedding", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 3)
            .Node("ReduceMean", ["pixel_values"], ["embedding"], ("axes", new long[] { 2, 3 }), ("keepdims", 0L))
            .Save(Path.Combine(folder, FileName));
        File.WriteAllText(Path.Combine(folder, "colours.json"), """{"task": "embed", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}""");
    }
}
