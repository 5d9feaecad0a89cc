using System.Collections.Concurrent;
using Prelabel.Inference.Yolo;
using Prelabel.Onnx;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

/// <summary>Session settings for all YOLO tests, and a temp folder for the oracle models and images they make.</summary>
public sealed class YoloFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _images = new();

    /// <summary>One thread per operator: test classes run in parallel.</summary>
    public SessionSettings Sessions { get; } = new() { IntraOpThreads = 1 };

    public string Folder { get; } = Directory.CreateTempSubdirectory("prelabel-yolo-").FullName;

    /// <summary>A plain grey image file of this size; the oracle models ignore the pixels.</summary>
    public byte[] Image(int width, int height, string format = "png") => File.ReadAllBytes(_images.GetOrAdd($"{width}x{height}.{format}", name =>
    {
        var path = Path.Combine(Folder, name);
        ImageMagick.Convert("-size", $"{width}x{height}", "xc:rgb(90,120,150)", path);
        return path;
    }));

    /// <summary>Saves the oracle under a fresh name and opens it as the application would.</summary>
    public YoloModel Model(YoloOracle oracle, string name = "oracle")
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N"))).FullName;
        var path = oracle.Save(Path.Combine(folder, name + ".onnx"));
        return new YoloModel(path, Sessions);
    }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
    }
}
