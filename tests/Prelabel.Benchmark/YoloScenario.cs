using System.Globalization;
using Prelabel.Testing;

namespace Prelabel.Benchmark;

/// <summary>A YOLOv8n-sized detect network with random weights (Prelabel.Testing) in MODEL_DIR, picked by model_path.</summary>
public sealed class YoloScenario : IBenchmarkScenario
{
    private const string FileName = "yolov8n.onnx";
    private readonly string _path;
    private readonly long _parameters;

    public YoloScenario(string folder)
    {
        var models = Directory.CreateDirectory(Path.Combine(folder, "models")).FullName;
        var network = YoloV8nNetwork.Create();
        _path = network.Save(Path.Combine(models, FileName));
        _parameters = network.Parameters;
        Settings = new Dictionary<string, string> { ["MODEL_DIR"] = models };
    }

    public string Title => string.Create(CultureInfo.InvariantCulture,
        $"YOLO (YOLOv8n-sized detect network, {_parameters:N0} random weights, {YoloV8nNetwork.Size}x{YoloV8nNetwork.Size})");

    public string Regions => "boxes";

    public string LabelConfig => $"""
        <View><Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image" model_path="{FileName}">
            <Label value="person"/><Label value="car"/><Label value="dog"/><Label value="book"/><Label value="laptop"/>
          </RectangleLabels>
        </View>
        """;

    public IReadOnlyDictionary<string, string> Settings { get; }

    public IRawRun PrepareRaw(byte[] image) => new YoloRawRun(_path, YoloV8nNetwork.Size, image);
}
