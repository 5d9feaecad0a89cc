using System.Buffers;

namespace Prelabel.Onnx;

/// <summary>
/// A dense, row-major tensor of <typeparamref name="T"/>. <see cref="Data"/> is used in place as model
/// input (not copied), so it must not change while a run that uses it is in progress.
/// </summary>
public sealed class DenseTensor<T> : Tensor
    where T : unmanaged
{
    private static readonly TensorElementType s_elementType = ElementTypeOf(typeof(T));

    public DenseTensor(Memory<T> data, params long[] shape)
        : base(shape)
    {
        if (s_elementType == TensorElementType.Undefined)
        {
            throw new NotSupportedException($"{typeof(T).Name} is not an ONNX tensor element type.");
        }

        if (data.Length != ElementCount)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] needs {ElementCount} elements, but the data has {data.Length}.",
                nameof(data));
        }

        Data = data;
    }

    public Memory<T> Data { get; }

    public Span<T> Span => Data.Span;

    public override TensorElementType ElementType => s_elementType;

    internal override unsafe nuint ByteLength => (nuint)Data.Length * (nuint)sizeof(T);

    internal override MemoryHandle Pin() => Data.Pin();

    internal static unsafe DenseTensor<T> Copy(long[] shape, void* data)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            count = checked(count * dimension);
        }

        if (count > Array.MaxLength)
        {
            throw new NotSupportedException($"A tensor of shape [{string.Join(", ", shape)}] is too large for a managed array.");
        }

        var values = new ReadOnlySpan<T>(data, (int)count).ToArray();
        return new DenseTensor<T>(values, shape);
    }

    private static TensorElementType ElementTypeOf(Type type) => type switch
    {
        _ when type == typeof(float) => TensorElementType.Float,
        _ when type == typeof(double) => TensorElementType.Double,
        _ when type == typeof(Half) => TensorElementType.Float16,
        _ when type == typeof(sbyte) => TensorElementType.Int8,
        _ when type == typeof(byte) => TensorElementType.UInt8,
        _ when type == typeof(short) => TensorElementType.Int16,
        _ when type == typeof(ushort) => TensorElementType.UInt16,
        _ when type == typeof(int) => TensorElementType.Int32,
        _ when type == typeof(uint) => TensorElementType.UInt32,
        _ when type == typeof(long) => TensorElementType.Int64,
        _ when type == typeof(ulong) => TensorElementType.UInt64,
        _ when type == typeof(bool) => TensorElementType.Bool,
        _ => TensorElementType.Undefined,
    };
}
