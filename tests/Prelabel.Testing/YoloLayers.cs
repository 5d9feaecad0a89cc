namespace Prelabel.Testing;

/// <summary>
/// Ultralytics' building blocks (Conv, Bottleneck, C2f, SPPF, Upsample) as ONNX nodes with seeded random weights,
/// in the form the exporter writes after fuse(): BatchNorm folded into the conv bias, SiLU as Sigmoid then Mul.
/// Input channel counts are taken from the tensors already built, as the YAML parser does.
/// </summary>
public sealed class YoloLayers(OnnxModelBuilder model, int seed)
{
    // He-normal std times this. Without trained BatchNorm statistics a SiLU chain this deep has no stable scale:
    // measured on photos and pages, a gain of 1 shrinks activations (finite, well above denormals) and 1.2 already
    // saturates every class score at 1, which would make NMS the whole post-processing cost.
    private const double Gain = 1.0;

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, int> _channels = [];
    private int _next;

    public OnnxModelBuilder Model { get; } = model;

    /// <summary>Trainable values written so far (conv weights and biases), as Ultralytics' model.info() counts them.</summary>
    public long Parameters { get; private set; }

    public int Channels(string x) => _channels[x];

    /// <summary>Declares a graph input the layers can consume.</summary>
    public string Input(string name, int channels) => Feature(name, channels);

    /// <summary>Ultralytics Conv: conv (k x k, stride s, same padding) + folded BatchNorm + SiLU.</summary>
    public string Conv(string x, int outputs, int kernel = 1, int stride = 1) => Silu(Conv2d(x, outputs, kernel, stride));

    /// <param name="bias">Every output's bias; small random values when null.</param>
    public string Conv2d(string x, int outputs, int kernel, int stride = 1, float? bias = null)
    {
        var inputs = Channels(x);
        var fanIn = inputs * kernel * kernel;
        var weights = Normal(outputs * fanIn, Gain * Math.Sqrt(2.0 / fanIn));
        var biases = bias is { } b ? Enumerable.Repeat(b, outputs).ToArray() : Normal(outputs, 0.05);
        Parameters += weights.Length + biases.Length;
        var pad = (long)(kernel / 2);
        return Feature(Op("Conv", [x, Constant(weights, outputs, inputs, kernel, kernel), Constant(biases, outputs)],
            ("kernel_shape", new long[] { kernel, kernel }), ("strides", new long[] { stride, stride }),
            ("pads", new[] { pad, pad, pad, pad }), ("dilations", new long[] { 1, 1 }), ("group", 1L)), outputs);
    }

    public string Silu(string x) => Feature(Op("Mul", [x, Op("Sigmoid", [x])]), Channels(x));

    /// <summary>Two 3x3 Convs, added to the input when <paramref name="shortcut"/> (e = 1.0 as C2f builds them).</summary>
    public string Bottleneck(string x, bool shortcut)
    {
        var y = Conv(Conv(x, Channels(x), 3), Channels(x), 3);
        return shortcut ? Feature(Op("Add", [x, y]), Channels(x)) : y;
    }

    /// <summary>C2f: 1x1 Conv to 2c, split in halves, n Bottlenecks chained on the second half, concat all, 1x1 Conv.</summary>
    public string C2f(string x, int outputs, int depth, bool shortcut)
    {
        var parts = Split(Conv(x, outputs), 1, outputs / 2, outputs / 2).ToList();
        for (var i = 0; i < depth; i++)
        {
            parts.Add(Bottleneck(parts[^1], shortcut));
        }

        return Conv(Concat(1, [.. parts]), outputs);
    }

    /// <summary>SPPF: 1x1 Conv to half, three chained 5x5 max pools, concat the four, 1x1 Conv.</summary>
    public string Sppf(string x, int outputs)
    {
        var parts = new List<string> { Conv(x, Channels(x) / 2) };
        for (var i = 0; i < 3; i++)
        {
            parts.Add(Feature(Op("MaxPool", [parts[^1]],
                ("kernel_shape", new long[] { 5, 5 }), ("strides", new long[] { 1, 1 }), ("pads", new long[] { 2, 2, 2, 2 })),
                Channels(parts[^1])));
        }

        return Conv(Concat(1, [.. parts]), outputs);
    }

    /// <summary>nn.Upsample(scale_factor=2, mode="nearest") as torch exports it at opset 17.</summary>
    public string Upsample(string x) => Feature(Op("Resize", [x, "", Constant(new[] { 1f, 1f, 2f, 2f }, 4)],
        ("coordinate_transformation_mode", "asymmetric"), ("mode", "nearest"), ("nearest_mode", "floor")), Channels(x));

    public string Concat(long axis, params string[] parts)
    {
        var output = Op("Concat", parts, ("axis", axis));
        return axis == 1 && parts.All(_channels.ContainsKey) ? Feature(output, parts.Sum(Channels)) : output;
    }

    /// <summary>Opset 13-17 Split: the sizes are an int64 input, not an attribute.</summary>
    public string[] Split(string x, long axis, params long[] sizes)
    {
        var outputs = sizes.Select(_ => Name("split")).ToArray();
        Model.Node("Split", [x, Constant(sizes, sizes.Length)], outputs, ("axis", axis));
        for (var i = 0; i < sizes.Length && axis == 1; i++)
        {
            Feature(outputs[i], (int)sizes[i]);
        }

        return outputs;
    }

    public string Reshape(string x, params long[] shape) => Op("Reshape", [x, Constant(shape, shape.Length)]);

    public string Constant<T>(T[] values, params long[] dims)
        where T : unmanaged
    {
        var name = Name("const");
        Model.Initializer(name, values, dims);
        return name;
    }

    public string Op(string opType, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var output = Name(opType.ToLowerInvariant());
        Model.Node(opType, inputs, [output], attributes);
        return output;
    }

    private string Feature(string name, int channels)
    {
        _channels[name] = channels;
        return name;
    }

    private string Name(string kind) => $"{kind}_{_next++}";

    private float[] Normal(int count, double std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: System.Random has no normal distribution.
            var u = 1.0 - _random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }

        return values;
    }
}
