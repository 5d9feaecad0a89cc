using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>Segment, pose and oriented-box oracle models through the real executable and the real editor.</summary>
public sealed class YoloShapeTests : IAsyncLifetime
{
    // A 1280x720 image letterboxed into 640x640: scale 0.5, 140 px of padding above and below.
    private const int Width = 1280, Height = 720;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <PolygonLabels name="outline" toName="image" model_path="segment.onnx"><Label value="Person"/></PolygonLabels>
          <BrushLabels name="mask" toName="image" model_path="segment.onnx"><Label value="Person"/></BrushLabels>
          <RectangleLabels name="ship" toName="image" model_path="obb.onnx" model_obb="true"><Label value="Ship"/></RectangleLabels>
          <RectangleLabels name="kp_bbox" toName="image" model_skip="true"><Label value="Person" predicted_values="person"/></RectangleLabels>
          <KeyPointLabels name="kp" toName="image" model_path="pose.onnx" model_point_threshold="0.5" model_point_size="0.5">
            <Label value="Head" predicted_values="person" model_index="0"/>
            <Label value="Foot" predicted_values="person" model_index="1"/>
          </KeyPointLabels>
        </View>
        """;

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-shapes-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private PrelabelProcess _backend = null!;
    private string _imagePath = null!;
    private JsonObject _prediction = null!;

    private static (float X, float Y) In(float x, float y) => (x / 2, y / 2 + 140);

    private static float[] Box(float x1, float y1, float x2, float y2) => [(x1 + x2) / 4, (y1 + y2) / 4 + 140, (x2 - x1) / 2, (y2 - y1) / 2];

    public async Task InitializeAsync()
    {
        // Prototype 0 is on everywhere, so the mask is exactly the box it is cropped to.
        var protos = new float[32 * 160 * 160];
        Array.Fill(protos, -10f, 160 * 160, protos.Length - 160 * 160);
        Array.Fill(protos, 10f, 0, 160 * 160);
        new YoloOracle("segment", "person")
            .ChannelMajor("output0", [.. Box(200, 100, 600, 500), 0.9f, 1f, .. new float[31]])
            .Output("output1", protos, 1, 32, 160, 160).Save(Path.Combine(_models, "segment.onnx"));
        new YoloOracle("obb", "ship")
            .ChannelMajor("output0", [320, 320, 200, 100, 0.85f, MathF.PI / 6]).Save(Path.Combine(_models, "obb.onnx"));
        var (head, foot) = (In(400, 200), In(600, 500));
        new YoloOracle("pose", "person").Keypoints(2, 3)
            .ChannelMajor("output0", [.. Box(300, 100, 700, 600), 0.9f, head.X, head.Y, 0.9f, foot.X, foot.Y, 0.2f]).Save(Path.Combine(_models, "pose.onnx"));
        _imagePath = Path.Combine(_models, "scene.png");
        ImageMagick.Convert("-size", $"{Width}x{Height}", "gradient:gray90-gray40", _imagePath);
        await _labelStudio.StartAsync();
        _backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        });
        var upload = _labelStudio.AddUpload(1, "scene.png", File.ReadAllBytes(_imagePath));
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = Config,
        };
        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{_backend.Output}");
        _prediction = body!["results"]![0]!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    private JsonObject[] Results(string type) =>
        _prediction["result"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type).ToArray();

    [Fact]
    public void A_segment_model_gives_the_polygon_and_the_brush_mask_of_one_run()
    {
        var polygon = Assert.Single(Results("polygonlabels"));
        var points = polygon["value"]!["points"]!.AsArray().Select(p => ((double)p![0]! * Width / 100, (double)p[1]! * Height / 100)).ToArray();
        Assert.InRange(points.Min(p => p.Item1), 198, 202);
        Assert.InRange(points.Max(p => p.Item1), 598, 602);
        Assert.InRange(points.Min(p => p.Item2), 98, 102);
        Assert.InRange(points.Max(p => p.Item2), 498, 502);

        var brush = Assert.Single(Results("brushlabels"));
        Assert.Equal("Person", (string?)brush["value"]!["brushlabels"]![0]);
        var mask = BrushRle.Decode(brush["value"]!["rle"]!.AsArray().Select(v => (int)v!).ToArray(), Width, Height);
        Assert.InRange(mask.Count(v => v != 0), 400 * 400 * 0.98, 400 * 400 * 1.02);
        Assert.Equal(255, mask[300 * Width + 400]);
        Assert.Equal(0, mask[50 * Width + 50]);
    }

    [Fact]
    public void An_obb_model_gives_a_rotated_rectangle_turning_about_its_top_left_corner()
    {
        var value = Assert.Single(Results("rectanglelabels"), r => (string?)r["from_name"] == "ship")["value"]!;

        Assert.Equal(30, (double)value["rotation"]!, 1);
        Assert.Equal(400 * 100.0 / Width, (double)value["width"]!, 1);
        Assert.Equal(200 * 100.0 / Height, (double)value["height"]!, 1);
        // Centre (640, 360) minus the rotated half-diagonal.
        var (c, s) = (Math.Cos(Math.PI / 6), Math.Sin(Math.PI / 6));
        Assert.Equal((640 - 200 * c + 100 * s) * 100 / Width, (double)value["x"]!, 1);
        Assert.Equal((360 - 200 * s - 100 * c) * 100 / Height, (double)value["y"]!, 1);
    }

    [Fact]
    public void A_pose_model_gives_keypoints_above_the_point_threshold_under_a_hidden_box()
    {
        var box = Assert.Single(Results("rectanglelabels"), r => (string?)r["from_name"] == "kp_bbox");
        Assert.True((bool)box["hidden"]!);
        var point = Assert.Single(Results("keypointlabels"));
        Assert.Equal("Head", (string?)point["value"]!["keypointlabels"]![0]);
        Assert.Equal(400 * 100.0 / Width, (double)point["value"]!["x"]!, 2);
        Assert.Equal(200 * 100.0 / Height, (double)point["value"]!["y"]!, 2);
        Assert.Equal((string?)box["id"], (string?)point["parentID"]);
    }

    [Fact]
    public async Task The_label_studio_editor_renders_every_shape_with_its_label()
    {
        var rendered = await LabelStudioEditor.RenderAsync(Config, _imagePath, _prediction);

        Assert.Empty(rendered["editor_errors"]!.AsArray());
        var regions = rendered["regions"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var byType = regions.GroupBy(r => (string?)r["type"]).ToDictionary(g => g.Key ?? "", g => g.ToArray());
        Assert.Equal(["Person"], Assert.Single(byType["polygonregion"])["labels"]!.AsArray().Select(l => (string?)l));
        Assert.Equal(["Person"], Assert.Single(byType["brushregion"])["labels"]!.AsArray().Select(l => (string?)l));
        Assert.Equal(["Head"], Assert.Single(byType["keypointregion"])["labels"]!.AsArray().Select(l => (string?)l));
        Assert.Contains(byType["rectangleregion"], r => r["labels"]!.AsArray().Select(l => (string?)l).SequenceEqual(["Ship"]));
        Assert.All(regions, r => Assert.True((bool)r["inside_image"]!, r.ToJsonString()));
        var sent = _prediction["result"]!.AsArray().Select(r => ((string?)r!["id"], (string?)r["from_name"], (string?)r["type"])).Order();
        var serialized = rendered["serialized"]!.AsArray().Select(r => ((string?)r!["id"], (string?)r["from_name"], (string?)r["type"])).Order();
        Assert.Equal(sent, serialized);
    }
}
