using System.Buffers;

namespace Prelabel.Onnx;

/// <summary>A dense, row-major tensor held in managed memory. See <see cref="DenseTensor{T}"/>.</summary>
public abstract class Tensor
{
    private readonly long[] _shape;

    private protected Tensor(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor dimensions must be non-negative, got [{string.Join(", ", shape)}].", nameof(shape));
            }

            count = checked(count * dimension);
        }

        _shape = (long[])shape.Clone();
        ElementCount = count;
    }

    public IReadOnlyList<long> Shape => _shape;

    public long ElementCount { get; }

    public abstract TensorElementType ElementType { get; }

    internal long[] ShapeArray => _shape;

    internal abstract nuint ByteLength { get; }

    public DenseTensor<T> As<T>()
        where T : unmanaged
        => this as DenseTensor<T>
           ?? throw new InvalidCastException($"The tensor holds {ElementType} elements, not {typeof(T).Name}.");

    /// <summary>Pins the element storage so native code can read it in place.</summary>
    internal abstract MemoryHandle Pin();

    /// <summary>Copies <paramref name="data"/> (native, row-major) into a new managed tensor.</summary>
    internal static unsafe Tensor Copy(TensorElementType type, long[] shape, void* data) => type switch
    {
        TensorElementType.Float => DenseTensor<float>.Copy(shape, data),
        TensorElementType.Double => DenseTensor<double>.Copy(shape, data),
        TensorElementType.Float16 => DenseTensor<Half>.Copy(shape, data),
        TensorElementType.Int8 => DenseTensor<sbyte>.Copy(shape, data),
        TensorElementType.UInt8 => DenseTensor<byte>.Copy(shape, data),
        TensorElementType.Int16 => DenseTensor<short>.Copy(shape, data),
        TensorElementType.UInt16 => DenseTensor<ushort>.Copy(shape, data),
        TensorElementType.Int32 => DenseTensor<int>.Copy(shape, data),
        TensorElementType.UInt32 => DenseTensor<uint>.Copy(shape, data),
        TensorElementType.Int64 => DenseTensor<long>.Copy(shape, data),
        TensorElementType.UInt64 => DenseTensor<ulong>.Copy(shape, data),
        TensorElementType.Bool => DenseTensor<bool>.Copy(shape, data),
        _ => throw new NotSupportedException($"Tensors of {type} elements are not supported."),
    };
}
