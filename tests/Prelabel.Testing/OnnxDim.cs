namespace Prelabel.Testing;

/// <summary>A declared tensor dimension: a fixed size, or a named (dynamic) dimension such as "N".</summary>
public readonly record struct OnnxDim(long? Value, string? Param)
{
    public static implicit operator OnnxDim(long value) => new(value, null);

    public static implicit operator OnnxDim(string param) => new(null, param);
}
