using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;

namespace Prelabel.Onnx;

/// <summary>
/// A dense row-major input tensor in a buffer rented from <see cref="ArrayPool{T}"/>, handed to ONNX Runtime in place
/// (<see cref="OrtValue.CreateTensorValueFromMemory{T}(OrtMemoryInfo, Memory{T}, long[])"/>: pinned, not copied).
/// Disposing returns the buffer; the value must not be used after that.
/// </summary>
public sealed class PooledTensor<T> : IModelInput
    where T : unmanaged
{
    // Not ArrayPool.Shared, whose per-thread slots kept a tensor-sized array for each of a dozen threads that ONNX
    // Runtime's blocking runs occupy; this keeps what was in use at once. Larger tensors are allocated and dropped.
    private static readonly ArrayPool<T> Pool = ArrayPool<T>.Create((32 << 20) / Unsafe.SizeOf<T>(), 4 * Environment.ProcessorCount);

    private T[]? _buffer;
    private OrtValue? _value;

    public PooledTensor(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            length = checked(length * dimension);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength, nameof(shape));
        Shape = (long[])shape.Clone();
        Length = (int)length;
        _buffer = Pool.Rent(Length);
    }

    public long[] Shape { get; }

    public int Length { get; }

    /// <summary>The elements to write; a rented buffer holds old values, so write every one.</summary>
    public Span<T> Span => Buffer.AsSpan(0, Length);

    /// <summary>The tensor as an ONNX Runtime value over this buffer (made once).</summary>
    public OrtValue Value => _value ??= OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Buffer.AsMemory(0, Length), Shape);

    /// <summary>The same tensor as float16, for half-precision exports; this one can be disposed afterwards.</summary>
    public PooledTensor<Float16> ToFloat16()
    {
        if (this is not PooledTensor<float> floats) throw new InvalidOperationException($"Only float32 tensors narrow to float16, not {typeof(T).Name}.");
        var halves = new PooledTensor<Float16>(Shape);
        var source = floats.Span;
        var destination = halves.Span;
        for (var i = 0; i < source.Length; i++) destination[i] = (Float16)source[i];
        return halves;
    }

    public void Dispose()
    {
        // The value first: it points into the buffer.
        _value?.Dispose();
        _value = null;
        if (_buffer is { } buffer) Pool.Return(buffer);
        _buffer = null;
    }

    private T[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledTensor<T>));
}
