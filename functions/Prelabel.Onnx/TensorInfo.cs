namespace Prelabel.Onnx;

/// <summary>
/// A model input or output as declared by the model. Dynamic dimensions are -1. Non-tensor values
/// (sequences, maps) report <see cref="TensorElementType.Undefined"/> and an empty shape.
/// </summary>
public sealed record TensorInfo(string Name, TensorElementType ElementType, long[] Shape);
