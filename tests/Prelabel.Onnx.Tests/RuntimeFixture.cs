namespace Prelabel.Onnx.Tests;

/// <summary>One loaded runtime per test class, found the way the application finds it.</summary>
public sealed class RuntimeFixture : IDisposable
{
    public OnnxRuntime Runtime { get; } = OnnxRuntime.Load(OnnxRuntimeLibrary.Locate(null));

    public void Dispose() => Runtime.Dispose();
}
