using Prelabel.Inference.Ocr;
using Prelabel.Onnx;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>The real models loaded once for all PaddleOcr tests, and a temp folder for their fixtures.</summary>
public sealed class PaddleOcrFixture : IDisposable
{
    public PaddleOcrFixture()
    {
        Runtime = new Lazy<OnnxRuntime>(() => OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null)));
        Ocr = new PaddleOcr(Options(), Runtime);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("prelabel-ocr-").FullName;

    public Lazy<OnnxRuntime> Runtime { get; }

    public PaddleOcr Ocr { get; }

    public static PaddleOcrOptions Options(string? modelDirectory = null) => new() { ModelDirectory = modelDirectory ?? RepositoryFiles.PaddleModels };

    public void Dispose()
    {
        Ocr.Dispose();
        if (Runtime.IsValueCreated)
        {
            Runtime.Value.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
