using Prelabel.Testing;

namespace Prelabel.Onnx.Tests.Models;

/// <summary>Small graphs used by several tests.</summary>
public static class TestModels
{
    /// <summary>y = a + b, all [N, 3] float.</summary>
    public static byte[] Add() => new OnnxModelBuilder()
        .Input("a", TensorElementType.Float, "N", 3)
        .Input("b", TensorElementType.Float, "N", 3)
        .Node("Add", ["a", "b"], ["y"])
        .Output("y", TensorElementType.Float, "N", 3)
        .Build();
}
