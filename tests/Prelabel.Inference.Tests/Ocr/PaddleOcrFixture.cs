using Prelabel.Inference.Ocr;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>The real models loaded once for all PaddleOcr tests, and a temp folder for their fixtures.</summary>
public sealed class PaddleOcrFixture : IDisposable
{
    public PaddleOcrFixture()
    {
        Ocr = new PaddleOcr(Options());
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("prelabel-ocr-").FullName;

    public PaddleOcr Ocr { get; }

    public static PaddleOcrOptions Options(string? modelDirectory = null) => new() { ModelDirectory = modelDirectory ?? RepositoryFiles.PaddleModels };

    public void Dispose()
    {
        Ocr.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
