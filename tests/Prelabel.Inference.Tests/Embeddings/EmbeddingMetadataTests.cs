using Prelabel.Inference.Embeddings;

namespace Prelabel.Inference.Tests.Embeddings;

public sealed class EmbeddingMetadataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-embed-meta-").FullName;

    private string Sidecar(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_sidecar_is_the_model_path_with_json()
    {
        Assert.Equal(Path.Combine("models", "dinov2.json"), EmbeddingMetadata.SidecarPath(Path.Combine("models", "dinov2.onnx")));
    }

    [Fact]
    public void Every_value_of_a_full_sidecar_is_read()
    {
        var metadata = EmbeddingMetadata.Read(Sidecar(
            """{"task": "embed", "imgsz": [224, 200], "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "channel_order": "bgr", "resize": 256}"""),
            [-1, 3, -1, -1]);

        Assert.Equal((200, 224), (metadata.InputWidth, metadata.InputHeight));
        Assert.Equal([0.485f, 0.456f, 0.406f], metadata.Preprocessing.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], metadata.Preprocessing.Std);
        Assert.True(metadata.Preprocessing.Bgr);
        Assert.Equal(256, metadata.Preprocessing.ResizeShorter);
    }

    [Fact]
    public void The_declared_input_size_wins_over_imgsz()
    {
        var metadata = EmbeddingMetadata.Read(Sidecar("""{"task": "embed", "imgsz": 512, "mean": [0, 0, 0], "std": [1, 1, 1]}"""), [1, 3, 224, 160]);

        Assert.Equal((160, 224), (metadata.InputWidth, metadata.InputHeight));
        Assert.False(metadata.Preprocessing.Bgr);
        Assert.Null(metadata.Preprocessing.ResizeShorter);
    }

    [Fact]
    public void One_imgsz_number_is_a_square()
    {
        var metadata = EmbeddingMetadata.Read(Sidecar("""{"task": "embed", "imgsz": 336, "mean": [0, 0, 0], "std": [1, 1, 1]}"""), [1, 3, -1, -1]);

        Assert.Equal((336, 336), (metadata.InputWidth, metadata.InputHeight));
    }

    [Fact]
    public void Every_missing_key_is_named()
    {
        var path = Sidecar("{}");

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingMetadata.Read(path, [1, 3, -1, -1]));

        Assert.Contains("lacks task, imgsz (the model's input size is dynamic), mean, std", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_sidecar_is_named()
    {
        var path = Path.Combine(_folder, "absent.json");

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingMetadata.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("""{"task": "classify", "mean": [0, 0, 0], "std": [1, 1, 1]}""", "task")]
    [InlineData("""{"task": "embed", "mean": [0, 0, 0], "std": [0, 1, 1]}""", "std")]
    [InlineData("""{"task": "embed", "mean": [0.5], "std": [1, 1, 1]}""", "mean")]
    [InlineData("""{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1], "channel_order": "rbg"}""", "channel_order")]
    [InlineData("""{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1], "resize": 0}""", "resize")]
    [InlineData("""{"task": "embed", "mean": [0, 0, 0], "std": [1, 1, 1], "imgsz": [1, 2, 3]}""", "imgsz")]
    [InlineData("""["task", "embed"]""", "object")]
    [InlineData("""{"task": """, "not valid")]
    public void A_bad_sidecar_value_is_named(string json, string named)
    {
        var error = Assert.Throws<FormatException>(() => EmbeddingMetadata.Read(Sidecar(json), [1, 3, 224, 224]));

        Assert.Contains(named, error.Message);
    }
}
