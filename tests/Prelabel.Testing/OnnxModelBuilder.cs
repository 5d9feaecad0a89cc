using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Prelabel.Testing;

/// <summary>
/// Writes small ONNX models (ModelProto) for tests, without any protobuf package. Field numbers follow
/// onnx/onnx.proto. Attribute values may be long, float, string, long[] or float[].
/// </summary>
public sealed class OnnxModelBuilder(int opset = 17, long irVersion = 8)
{
    private readonly List<Action<ProtoWriter>> _graph = [];
    private readonly Dictionary<string, string> _metadata = [];

    public OnnxModelBuilder Input(string name, TensorElementType type, params OnnxDim[] shape)
    {
        _graph.Add(graph => graph.Message(11, value => ValueInfo(value, name, type, shape)));
        return this;
    }

    public OnnxModelBuilder Output(string name, TensorElementType type, params OnnxDim[] shape)
    {
        _graph.Add(graph => graph.Message(12, value => ValueInfo(value, name, type, shape)));
        return this;
    }

    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        _graph.Add(graph => graph.Message(1, node =>
        {
            foreach (var input in inputs)
            {
                node.String(1, input);
            }

            foreach (var output in outputs)
            {
                node.String(2, output);
            }

            node.String(4, opType);
            foreach (var (name, value) in attributes)
            {
                node.Message(5, attribute => Attribute(attribute, name, value));
            }
        }));
        return this;
    }

    /// <summary>A constant tensor (weights); <typeparamref name="T"/> picks the element type.</summary>
    public OnnxModelBuilder Initializer<T>(string name, T[] values, params long[] dims)
        where T : unmanaged
    {
        var elementType = ElementTypeOf<T>();
        var rawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

        // raw_data (field 9) is little-endian, which is how exporters store weights.
        _graph.Add(graph => graph.Message(5, tensor => tensor
            .PackedVarints(1, dims)
            .Varint(2, (int)elementType)
            .String(8, name)
            .Bytes(9, rawData)));
        return this;
    }

    private static TensorElementType ElementTypeOf<T>() => typeof(T) switch
    {
        var t when t == typeof(float) => TensorElementType.Float,
        var t when t == typeof(Float16) => TensorElementType.Float16,
        var t when t == typeof(double) => TensorElementType.Double,
        var t when t == typeof(byte) => TensorElementType.UInt8,
        var t when t == typeof(sbyte) => TensorElementType.Int8,
        var t when t == typeof(int) => TensorElementType.Int32,
        var t when t == typeof(long) => TensorElementType.Int64,
        var t when t == typeof(bool) => TensorElementType.Bool,
        _ => throw new NotSupportedException($"{typeof(T).Name} is not an element type this builder writes."),
    };

    public OnnxModelBuilder Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    public byte[] Build()
    {
        var model = new ProtoWriter()
            .Varint(1, irVersion)
            .String(2, "Prelabel.Testing")
            .Message(7, graph =>
            {
                foreach (var part in _graph)
                {
                    part(graph);
                }

                graph.String(2, "test");
            })
            .Message(8, opsetImport => opsetImport.String(1, string.Empty).Varint(2, opset));
        foreach (var (key, value) in _metadata)
        {
            model.Message(14, entry => entry.String(1, key).String(2, value));
        }

        return model.ToArray();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Build());
        return path;
    }

    private static void ValueInfo(ProtoWriter value, string name, TensorElementType type, OnnxDim[] shape) => value
        .String(1, name)
        .Message(2, typeProto => typeProto.Message(1, tensorType => tensorType
            .Varint(1, (int)type)
            .Message(2, shapeProto =>
            {
                foreach (var dim in shape)
                {
                    shapeProto.Message(1, dimension =>
                    {
                        if (dim.Value is { } size)
                        {
                            dimension.Varint(1, size);
                        }
                        else if (dim.Param is { } param)
                        {
                            dimension.String(2, param);
                        }
                    });
                }
            })));

    private static void Attribute(ProtoWriter attribute, string name, object value)
    {
        const int Float = 1, Int = 2, String = 3, Floats = 6, Ints = 7;
        attribute.String(1, name);
        switch (value)
        {
            case float f:
                attribute.Float(2, f).Varint(20, Float);
                break;
            case long or int:
                attribute.Varint(3, Convert.ToInt64(value)).Varint(20, Int);
                break;
            case string s:
                attribute.String(4, s).Varint(20, String);
                break;
            case float[] floats:
                attribute.PackedFloats(7, floats).Varint(20, Floats);
                break;
            case long[] longs:
                attribute.PackedVarints(8, longs).Varint(20, Ints);
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value type {value.GetType().Name}.", nameof(value));
        }
    }
}
