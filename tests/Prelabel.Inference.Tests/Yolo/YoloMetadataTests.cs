using Prelabel.Inference.Yolo;
using Prelabel.Testing;

namespace Prelabel.Inference.Tests.Yolo;

public sealed class YoloMetadataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-yolo-meta-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("{0: 'person', 1: 'car'}", new[] { "person", "car" })]
    [InlineData("{0:'person',1:'traffic light'}", new[] { "person", "traffic light" })]
    [InlineData("{ 0 : 'a' , 1 : 'b' , }", new[] { "a", "b" })]
    [InlineData("{0: \"driver's seat\", 1: 'say \"hi\"'}", new[] { "driver's seat", "say \"hi\"" })]
    [InlineData(@"{0: 'it\'s \\ \""both\""'}", new[] { @"it's \ ""both""" })]
    [InlineData(@"{0: 'caf\xe9', 1: '\u732b'}", new[] { "café", "猫" })]
    [InlineData("{0: 'a', 2: 'c'}", new[] { "a", "1", "c" })]
    [InlineData("['person', 'car']", new[] { "person", "car" })]
    [InlineData("{}", new string[0])]
    public void Names_are_read_from_the_python_dict_ultralytics_writes(string literal, string[] expected)
    {
        var metadata = YoloMetadata.Read(Properties(("names", literal)));

        Assert.Equal(expected, metadata.Names);
    }

    [Fact]
    public void Names_written_the_way_python_repr_quotes_them_read_back_unchanged()
    {
        string[] names = ["person", "O'Brien's car", "a \"quoted\" word", "both ' and \"", @"back\slash", "  spaced  "];

        var metadata = YoloMetadata.Read(Properties(("names", YoloOracle.PythonDict(names))));

        Assert.Equal(names, metadata.Names);
    }

    [Theory]
    [InlineData("{0 'a'}")]
    [InlineData("{0: 'a'")]
    [InlineData("{0: a}")]
    [InlineData("{0: 'a'} extra")]
    [InlineData("person, car")]
    public void Unreadable_names_fail_quoting_the_value(string literal)
    {
        var error = Assert.Throws<FormatException>(() => YoloMetadata.Read(Properties(("names", literal))));

        Assert.Contains(literal, error.Message);
    }

    [Theory]
    [InlineData("detect", YoloTask.Detect)]
    [InlineData("segment", YoloTask.Segment)]
    [InlineData("pose", YoloTask.Pose)]
    [InlineData("obb", YoloTask.Obb)]
    [InlineData("classify", YoloTask.Classify)]
    public void Every_ultralytics_task_is_recognised(string task, YoloTask expected)
    {
        var metadata = YoloMetadata.Read(Properties(("task", task), ("kpt_shape", "[17, 3]")));

        Assert.Equal(expected, metadata.Task);
    }

    [Fact]
    public void Ultralytics_metadata_gives_size_stride_and_keypoint_shape()
    {
        var metadata = YoloMetadata.Read(Properties(("task", "pose"), ("imgsz", "[480, 640]"), ("stride", "32"), ("kpt_shape", "[17, 3]")));

        Assert.Equal((640, 480, 32, (17, 3)), (metadata.InputWidth, metadata.InputHeight, metadata.Stride, metadata.KeypointShape!.Value));
    }

    [Theory]
    [InlineData(new long[] { 1, 3, 320, 416 }, 416, 320)]
    [InlineData(new long[] { 1, 3, -1, -1 }, 640, 480)]
    [InlineData(new long[] { -1, 3, 256, -1 }, 640, 256)]
    public void A_declared_input_size_wins_over_imgsz_and_dynamic_sides_take_imgsz(long[] shape, int width, int height)
    {
        var metadata = YoloMetadata.Read(Properties(("imgsz", "[480, 640]")), inputShape: shape);

        Assert.Equal((width, height), (metadata.InputWidth, metadata.InputHeight));
    }

    [Fact]
    public void A_sidecar_json_describes_a_model_without_metadata()
    {
        var model = Path.Combine(_folder, "plain.onnx");
        File.WriteAllText(YoloMetadata.SidecarPath(model), """{"task":"segment","names":["person","car"],"imgsz":[640,640]}""");

        var metadata = YoloMetadata.Read(new Dictionary<string, string>(), YoloMetadata.SidecarPath(model), [1, 3, -1, -1]);

        Assert.Equal(Path.Combine(_folder, "plain.json"), YoloMetadata.SidecarPath(model));
        Assert.Equal((YoloTask.Segment, 640, 640, YoloMetadata.DefaultStride), (metadata.Task, metadata.InputWidth, metadata.InputHeight, metadata.Stride));
        Assert.Equal(["person", "car"], metadata.Names);
    }

    [Fact]
    public void Sidecar_names_may_be_an_object_keyed_by_class_id_and_the_model_metadata_wins()
    {
        var sidecar = Path.Combine(_folder, "keyed.json");
        File.WriteAllText(sidecar, """{"task":"detect","names":{"1":"car","0":"person"},"imgsz":320,"kpt_shape":[5,2]}""");

        var metadata = YoloMetadata.Read(new Dictionary<string, string> { ["task"] = "pose" }, sidecar);

        Assert.Equal((YoloTask.Pose, 320, 320, (5, 2)), (metadata.Task, metadata.InputWidth, metadata.InputHeight, metadata.KeypointShape!.Value));
        Assert.Equal(["person", "car"], metadata.Names);
    }

    [Fact]
    public void Missing_metadata_fails_naming_what_is_missing_and_where_it_was_looked_for()
    {
        var sidecar = Path.Combine(_folder, "absent.json");

        var error = Assert.Throws<InvalidDataException>(() => YoloMetadata.Read(new Dictionary<string, string> { ["task"] = "pose" }, sidecar, [1, 3, -1, -1]));

        Assert.Contains("names", error.Message);
        Assert.Contains("imgsz", error.Message);
        Assert.Contains("kpt_shape", error.Message);
        Assert.DoesNotContain("task,", error.Message);
        Assert.Contains(sidecar, error.Message);
    }

    [Theory]
    [InlineData("task", "track")]
    [InlineData("imgsz", "[640, 640, 3]")]
    [InlineData("stride", "thirty-two")]
    [InlineData("kpt_shape", "[17, 4]")]
    public void A_malformed_value_fails_clearly(string key, string value)
    {
        var properties = new Dictionary<string, string>(Properties(("task", "pose"), ("kpt_shape", "[17, 3]"))) { [key] = value };

        var error = Assert.Throws<FormatException>(() => YoloMetadata.Read(properties));

        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void A_sidecar_that_is_not_json_fails_naming_the_file()
    {
        var sidecar = Path.Combine(_folder, "broken.json");
        File.WriteAllText(sidecar, "{task: detect");

        var error = Assert.Throws<FormatException>(() => YoloMetadata.Read(new Dictionary<string, string>(), sidecar));

        Assert.Contains(sidecar, error.Message);
    }

    /// <summary>A complete detect model's metadata with some values replaced.</summary>
    private static Dictionary<string, string> Properties(params (string Key, string Value)[] overrides)
    {
        var properties = new YoloOracle("detect", "person", "car").Metadata().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in overrides)
        {
            properties[key] = value;
        }

        return properties;
    }
}
