using System.Globalization;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Prelabel.Testing;

/// <summary>
/// ONNX models shaped like Ultralytics YOLO exports (input "images" [1, 3, H, W], outputs "output0"/"output1",
/// Ultralytics' metadata_props) whose outputs are constants the test chooses, so decoding them must give exactly
/// the boxes, masks, keypoints or classes the test put in. Each output is the constant plus the sum of images·0,
/// so the graph still consumes its input.
/// </summary>
public sealed class YoloOracle(string task, params string[] names)
{
    private readonly List<(string Name, float[] Values, long[] Shape)> _outputs = [];
    private (int Count, int Dimensions)? _keypoints;
    private bool _dynamic;
    private bool _metadata = true;

    public int InputWidth { get; private set; } = 640;

    public int InputHeight { get; private set; } = 640;

    /// <summary>Anchors of a real head at this input size: one per cell at strides 8, 16 and 32 (8400 at 640x640).</summary>
    public int Anchors => new[] { 8, 16, 32 }.Sum(s => InputWidth / s * (InputHeight / s));

    /// <param name="dynamic">Declare height and width as named dimensions, like an export with dynamic=True.</param>
    public YoloOracle Input(int width, int height, bool dynamic = false)
    {
        (InputWidth, InputHeight, _dynamic) = (width, height, dynamic);
        return this;
    }

    public YoloOracle Keypoints(int count, int dimensions)
    {
        _keypoints = (count, dimensions);
        return this;
    }

    /// <summary>Leave metadata_props out, as other converters do.</summary>
    public YoloOracle WithoutMetadata()
    {
        _metadata = false;
        return this;
    }

    public YoloOracle Output(string name, float[] values, params long[] shape)
    {
        _outputs.Add((name, values, shape));
        return this;
    }

    /// <summary>A v8-style head [1, C, anchors]: each given array is one anchor's C values; the remaining anchors are all zero.</summary>
    public YoloOracle ChannelMajor(string name, params float[][] anchors)
    {
        var channels = anchors[0].Length;
        var values = new float[channels * Anchors];
        for (var a = 0; a < anchors.Length; a++)
        {
            for (var c = 0; c < channels; c++)
            {
                values[c * Anchors + a] = anchors[a][c];
            }
        }

        return Output(name, values, 1, channels, Anchors);
    }

    /// <summary>A YOLOv5-style head [1, anchors, C].</summary>
    public YoloOracle AnchorMajor(string name, params float[][] anchors)
    {
        var channels = anchors[0].Length;
        var values = new float[channels * Anchors];
        for (var a = 0; a < anchors.Length; a++)
        {
            anchors[a].CopyTo(values, a * channels);
        }

        return Output(name, values, 1, Anchors, channels);
    }

    public byte[] Build()
    {
        var model = new OnnxModelBuilder()
            .Input("images", TensorElementType.Float, _dynamic ? [1, 3, "height", "width"] : [1, 3, InputHeight, InputWidth])
            .Initializer("zero", [0f])
            .Node("Mul", ["images", "zero"], ["zeroed"])
            .Node("ReduceSum", ["zeroed"], ["nothing"], ("keepdims", 0L));
        foreach (var (name, values, shape) in _outputs)
        {
            model.Initializer(name + "_value", values, shape)
                .Node("Add", [name + "_value", "nothing"], [name])
                .Output(name, TensorElementType.Float, [.. shape.Select(d => (OnnxDim)d)]);
        }

        if (_metadata)
        {
            foreach (var (key, value) in Metadata())
            {
                model.Metadata(key, value);
            }
        }

        return model.Build();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Build());
        return path;
    }

    /// <summary>The metadata_props Ultralytics' exporter writes, in its order and formats.</summary>
    public IEnumerable<(string Key, string Value)> Metadata()
    {
        yield return ("description", $"Ultralytics YOLO11n-{task} model trained on oracle.yaml");
        yield return ("author", "Ultralytics");
        yield return ("date", "2026-11-02T10:00:00.000000");
        yield return ("version", "8.3.40");
        yield return ("license", "AGPL-3.0 License (https://ultralytics.com/license)");
        yield return ("docs", "https://docs.ultralytics.com");
        yield return ("stride", "32");
        yield return ("task", task);
        yield return ("batch", "1");
        yield return ("imgsz", $"[{InputHeight}, {InputWidth}]");
        yield return ("names", PythonDict(names));
        if (_keypoints is { } k)
        {
            yield return ("kpt_shape", $"[{k.Count}, {k.Dimensions}]");
        }

        yield return ("args", $"{{'batch': 1, 'half': False, 'dynamic': {(_dynamic ? "True" : "False")}, 'simplify': True, 'opset': 17}}");
    }

    /// <summary>str() of a Python dict {0: 'a', 1: "b'c"}: repr quotes each name with ' unless it holds ' but no ".</summary>
    public static string PythonDict(IReadOnlyList<string> names) =>
        "{" + string.Join(", ", names.Select((n, i) => i.ToString(CultureInfo.InvariantCulture) + ": " + PythonRepr(n))) + "}";

    private static string PythonRepr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var escaped = text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t");
        return quote + (quote == '\'' ? escaped.Replace("'", "\\'") : escaped) + quote;
    }
}
