using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Inference.Embeddings;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Embeddings;

/// <summary>Session settings for the embedding tests, and a temp folder for the models and images they make.</summary>
public sealed class EmbeddingFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _images = new();

    /// <summary>One thread per operator: test classes run in parallel.</summary>
    public SessionSettings Sessions { get; } = new() { IntraOpThreads = 1 };

    public string Folder { get; } = Directory.CreateTempSubdirectory("prelabel-embed-").FullName;

    /// <summary>An image drawn by ImageMagick from these arguments (after -size), cached by name.</summary>
    public byte[] Image(string name, params string[] draw) => File.ReadAllBytes(_images.GetOrAdd(name, file =>
    {
        var path = Path.Combine(Folder, file);
        ImageMagick.Convert([.. draw, path]);
        return path;
    }));

    /// <summary>A plain image of one colour.</summary>
    public byte[] Solid(int r, int g, int b, int width = 320, int height = 240, string format = "png") =>
        Image($"{r}-{g}-{b}-{width}x{height}.{format}", "-size", $"{width}x{height}", $"xc:rgb({r},{g},{b})");

    /// <summary>
    /// A real graph whose output is the mean of each input channel, so an image embeds to its average (normalised) colour.
    /// </summary>
    /// <param name="keepDims">True gives a [1, 3, 1, 1] output, as a backbone ending in global pooling does.</param>
    public EmbeddingModel Model(string? sidecar, OnnxDim height, OnnxDim width, bool keepDims = false, long[]? axes = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, "backbone.onnx");
        OnnxDim[] output = axes is null ? keepDims ? [1, 3, 1, 1] : [1, 3] : [1, 3, "T"];
        new OnnxModelBuilder()
            .Input("pixel_values", TensorElementType.Float, 1, 3, height, width)
            .Output("embedding", TensorElementType.Float, output)
            .Node("ReduceMean", ["pixel_values"], ["embedding"], ("axes", axes ?? [2, 3]), ("keepdims", keepDims ? 1L : 0L))
            .Save(path);
        if (sidecar is not null)
        {
            File.WriteAllText(EmbeddingMetadata.SidecarPath(path), sidecar);
        }

        return new EmbeddingModel(path, Sessions);
    }

    public EmbeddingModel Model(string? sidecar, bool keepDims = false) => Model(sidecar, 224, 224, keepDims);

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
    }
}
