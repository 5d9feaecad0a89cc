using Microsoft.ML.OnnxRuntime.Tensors;
using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

/// <summary>A temp folder for the small models the tests write.</summary>
public sealed class OnnxModelFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("prelabel-onnx-").FullName;

    /// <summary>A fresh file name in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Directory.CreateDirectory(System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"))).FullName, name);

    /// <summary>y = 2x + 1 over float [N, 3], two nodes an optimiser can fold, with metadata_props.</summary>
    public string Affine(string name = "affine.onnx") => new OnnxModelBuilder()
        .Input("x", TensorElementType.Float, "N", 3)
        .Initializer("two", [2f], 1)
        .Initializer("one", [1f], 1)
        .Node("Mul", ["x", "two"], ["doubled"])
        .Node("Add", ["doubled", "one"], ["y"])
        .Output("y", TensorElementType.Float, "N", 3)
        .Metadata("task", "detect")
        .Metadata("names", "{0: 'a'}")
        .Save(File(name));

    /// <summary>x cast to <paramref name="to"/> (an ONNX element type number).</summary>
    public string Cast(TensorElementType to) => new OnnxModelBuilder()
        .Input("x", TensorElementType.Float, 1, 3)
        .Node("Cast", ["x"], ["y"], ("to", (long)to))
        .Output("y", to, 1, 3)
        .Save(File($"cast-{to}.onnx"));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
