using Microsoft.ML.OnnxRuntime.Tensors;

namespace Prelabel.Testing;

/// <summary>
/// The YOLOv8n detection network (ultralytics/cfg/models/v8/yolov8.yaml at scale n: widths 16-256, C2f depths
/// 1, 2, 2, 1) as an opset-17 ONNX export with seeded random weights and Ultralytics' metadata_props. Its boxes mean
/// nothing and its class scores stay near the 1% prior, so nothing passes conf; its shapes, operators and arithmetic
/// are a real yolov8n.onnx's, so it times like one.
/// </summary>
public sealed class YoloV8nNetwork
{
    public const int Size = 640;

    private YoloV8nNetwork(byte[] model, long parameters) => (Model, Parameters) = (model, parameters);

    /// <summary>The ONNX ModelProto.</summary>
    public byte[] Model { get; }

    /// <summary>Conv weights and biases: yolov8n's fused 3,151,904 less DFL's 16 fixed weights.</summary>
    public long Parameters { get; }

    public static YoloV8nNetwork Create(int seed = 8)
    {
        var builder = new OnnxModelBuilder(opset: 17)
            .Input("images", TensorElementType.Float, 1, 3, Size, Size)
            .Output("output0", TensorElementType.Float, 1, 4 + CocoNames.All.Count, Anchors);
        var layers = new YoloLayers(builder, seed);

        var images = layers.Input("images", 3);
        var p2 = layers.C2f(layers.Conv(layers.Conv(images, 16, 3, 2), 32, 3, 2), 32, 1, shortcut: true);
        var p3 = layers.C2f(layers.Conv(p2, 64, 3, 2), 64, 2, shortcut: true);
        var p4 = layers.C2f(layers.Conv(p3, 128, 3, 2), 128, 2, shortcut: true);
        var p5 = layers.Sppf(layers.C2f(layers.Conv(p4, 256, 3, 2), 256, 1, shortcut: true), 256);

        var up4 = layers.C2f(layers.Concat(1, layers.Upsample(p5), p4), 128, 1, shortcut: false);
        var out3 = layers.C2f(layers.Concat(1, layers.Upsample(up4), p3), 64, 1, shortcut: false);
        var out4 = layers.C2f(layers.Concat(1, layers.Conv(out3, 64, 3, 2), up4), 128, 1, shortcut: false);
        var out5 = layers.C2f(layers.Concat(1, layers.Conv(out4, 128, 3, 2), p5), 256, 1, shortcut: false);

        var head = YoloV8Detect.Add(layers, CocoNames.All.Count, Size, Size, (out3, 8), (out4, 16), (out5, 32));
        builder.Node("Identity", [head], ["output0"]);
        foreach (var (key, value) in Metadata())
        {
            builder.Metadata(key, value);
        }

        return new YoloV8nNetwork(builder.Build(), layers.Parameters);
    }

    /// <summary>One per cell at strides 8, 16 and 32.</summary>
    public static int Anchors => new[] { 8, 16, 32 }.Sum(s => (Size / s) * (Size / s));

    public string Save(string path)
    {
        File.WriteAllBytes(path, Model);
        return path;
    }

    private static IEnumerable<(string Key, string Value)> Metadata()
    {
        yield return ("description", "Prelabel's YOLOv8n-sized detect network with random weights (architecture only, not trained)");
        yield return ("author", "Prelabel.Testing");
        yield return ("version", "8.3.40");
        yield return ("stride", "32");
        yield return ("task", "detect");
        yield return ("batch", "1");
        yield return ("imgsz", $"[{Size}, {Size}]");
        yield return ("names", YoloOracle.PythonDict(CocoNames.All));
        yield return ("args", "{'batch': 1, 'half': False, 'dynamic': False, 'simplify': True, 'opset': 17}");
    }
}
