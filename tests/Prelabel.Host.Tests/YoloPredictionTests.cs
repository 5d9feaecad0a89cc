using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// YOLO models from MODEL_DIR through the real executable: oracle models (constant outputs in Ultralytics' layouts and
/// metadata) whose detections are known, so every region can be checked exactly, then rendered in the real editor.
/// </summary>
public sealed class YoloPredictionTests : IAsyncLifetime
{
    // A 1280x720 image letterboxed into 640x640: scale 0.5, 140 px of padding above and below.
    private const int Width = 1280, Height = 720;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image" model_path="detect.onnx">
            <Label value="Car" predicted_values="car,truck"/>
            <Label value="Person"/>
          </RectangleLabels>
          <Choices name="pet" toName="image" model_path="classify.onnx" choice="single">
            <Choice value="Cat"/>
            <Choice value="Dog"/>
          </Choices>
        </View>
        """;

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-models-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private PrelabelProcess _backend = null!;
    private string _imagePath = null!;

    private static float[] Row(float x1, float y1, float x2, float y2, params float[] scores) =>
        [(x1 + x2) / 4, (y1 + y2) / 4 + 140, (x2 - x1) / 2, (y2 - y1) / 2, .. scores];

    public async Task InitializeAsync()
    {
        new YoloOracle("detect", "person", "car", "truck").ChannelMajor("output0",
            Row(100, 50, 500, 650, 0.05f, 0.9f, 0.01f),
            Row(700, 100, 1100, 500, 0.02f, 0.1f, 0.8f),
            Row(50, 400, 250, 700, 0.3f, 0.01f, 0.01f)).Save(Path.Combine(_models, "detect.onnx"));
        new YoloOracle("classify", "cat", "dog", "bird").Input(224, 224).Output("output0", [0.1f, 0.7f, 0.2f], 1, 3)
            .Save(Path.Combine(_models, "classify.onnx"));
        _imagePath = Path.Combine(_models, "street.png");
        ImageMagick.Convert("-size", $"{Width}x{Height}", "gradient:gray90-gray40", _imagePath);
        await _labelStudio.StartAsync();
        _backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PredictAsync(string config)
    {
        var upload = _labelStudio.AddUpload(1, "street.png", File.ReadAllBytes(_imagePath));
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["project"] = "1.1746612998",
            ["label_config"] = config,
        };
        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());
        return (status, body);
    }

    [Fact]
    public async Task Detections_become_rectangles_in_percent_and_the_classifier_a_choice()
    {
        var (status, body) = await PredictAsync(Config);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{_backend.Output}");
        var prediction = Assert.Single(body!["results"]!.AsArray())!;
        var results = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var boxes = results.Where(r => (string?)r["type"] == "rectanglelabels").Select(r => r["value"]!).ToArray();
        Assert.Equal(2, boxes.Length);
        AssertBox(boxes[0], "Car", 100, 50, 500, 650);
        AssertBox(boxes[1], "Car", 700, 100, 1100, 500);
        var choice = Assert.Single(results, r => (string?)r["type"] == "choices");
        Assert.Equal(("pet", "image", "Dog"), ((string?)choice["from_name"], (string?)choice["to_name"], (string?)choice["value"]!["choices"]![0]));
        Assert.Equal(0.7, (double)choice["score"]!, 4);
        Assert.Equal((0.9 + 0.8 + 0.7) / 3, (double)prediction["score"]!, 4);
    }

    [Fact]
    public async Task With_prediction_score_margin_the_task_score_is_the_mean_region_margin()
    {
        await using var margin = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["PREDICTION_SCORE"] = "margin",
            ["LOCAL_FILES_DOCUMENT_ROOT"] = _models,
        });
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = "/data/local-files/?d=street.png" } }),
            ["label_config"] = Config,
        };

        var (status, body, _) = await margin.Http.PostAsync("/predict", request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var prediction = body!["results"]![0]!;
        // Boxes 0.9 and 0.8 are 0.8 and 0.6 from the 0.5 boundary; the classifier's top two are 0.7 and 0.2.
        Assert.Equal((0.8 + 0.6 + 0.5) / 3, (double)prediction["score"]!, 4);
        Assert.Equal(0.9, (double)prediction["result"]![0]!["score"]!, 4);
    }

    [Fact]
    public async Task The_model_version_names_both_models_and_matches_setup()
    {
        var (_, body) = await PredictAsync(Config);
        var (_, setup, _) = await _backend.Http.PostAsync("/setup", new JsonObject { ["project"] = "1.1", ["schema"] = Config }.ToJsonString());

        var version = (string?)body!["results"]![0]!["model_version"];
        Assert.Matches("^detect-[0-9a-f]{8}\\+classify-[0-9a-f]{8}$", version);
        Assert.Equal(version, (string?)setup!["model_version"]);
    }

    [Fact]
    public async Task The_label_studio_editor_renders_the_boxes_with_their_labels_and_the_choice()
    {
        var (_, body) = await PredictAsync(Config);
        var prediction = body!["results"]![0]!.AsObject();

        var rendered = await LabelStudioEditor.RenderAsync(Config, _imagePath, prediction);

        Assert.Empty(rendered["editor_errors"]!.AsArray());
        var regions = rendered["regions"]!.AsArray();
        Assert.Equal(2, regions.Count);
        Assert.All(regions, r => Assert.Equal(["Car"], r!["labels"]!.AsArray().Select(l => (string?)l)));
        Assert.All(regions, r => Assert.True((bool)r!["inside_image"]!));
        var sent = prediction["result"]!.AsArray().Select(r => ((string?)r!["id"], (string?)r["from_name"], (string?)r["type"])).Order();
        var serialized = rendered["serialized"]!.AsArray().Select(r => ((string?)r!["id"], (string?)r["from_name"], (string?)r["type"])).Order();
        Assert.Equal(sent, serialized);
        var choice = rendered["serialized"]!.AsArray().Single(r => (string?)r!["type"] == "choices")!;
        Assert.Equal("Dog", (string?)choice["value"]!["choices"]![0]);
    }

    [Fact]
    public async Task A_classifier_fills_a_taxonomy_with_the_path_to_its_class_and_the_editor_keeps_it()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <Taxonomy name="kind" toName="image" model_path="classify.onnx">
                <Choice value="Animal"><Choice value="Cat"/><Choice value="Dog"/></Choice>
                <Choice value="Plant"/>
              </Taxonomy>
            </View>
            """;

        var (status, body) = await PredictAsync(config);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        var prediction = body!["results"]![0]!.AsObject();
        var result = Assert.Single(prediction["result"]!.AsArray())!;
        Assert.Equal("taxonomy", (string?)result["type"]);
        Assert.Equal("""[["Animal","Dog"]]""", result["value"]!["taxonomy"]!.ToJsonString());

        var rendered = await LabelStudioEditor.RenderAsync(config, _imagePath, prediction);

        Assert.Empty(rendered["editor_errors"]!.AsArray());
        var kept = Assert.Single(rendered["serialized"]!.AsArray())!;
        Assert.Equal(("kind", "taxonomy"), ((string?)kept["from_name"], (string?)kept["type"]));
        Assert.Equal("""[["Animal","Dog"]]""", kept["value"]!["taxonomy"]!.ToJsonString());
    }

    [Fact]
    public async Task Labels_that_match_no_model_class_say_which_classes_the_model_has()
    {
        const string config = """<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image" model_path="detect.onnx"><Label value="Boat"/></RectangleLabels></View>""";

        var (status, body) = await PredictAsync(config);

        var detail = JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body);
        Assert.Contains("labels [Boat] match none of detect.onnx's classes [person, car, truck]", detail);
    }

    [Theory]
    [InlineData(0, "Red")]
    [InlineData(700, "Blue")]
    public async Task An_interactive_box_drawn_with_a_classifier_control_gets_the_label_of_its_crop(int left, string expected)
    {
        // A real classifier whose logits are the channel means, on an image whose left half is red and right half blue.
        new OnnxModelBuilder()
            .Input("pixel_values", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 3, 224, 224)
            .Output("logits", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 3)
            .Node("ReduceMean", ["pixel_values"], ["logits"], ("axes", new long[] { 2, 3 }), ("keepdims", 0L))
            .Save(Path.Combine(_models, "colour.onnx"));
        File.WriteAllText(Path.Combine(_models, "colour.json"), """{"task": "classify", "names": ["red", "green", "blue"]}""");
        var halves = Path.Combine(_models, "halves.png");
        ImageMagick.Convert("-size", "640x720", "xc:red", "-size", "640x720", "xc:blue", "+append", halves);
        var upload = _labelStudio.AddUpload(1, "halves.png", File.ReadAllBytes(halves));
        const string config = """
            <View><Image name="image" value="$image"/>
              <RectangleLabels name="colour" toName="image" model_path="colour.onnx"><Label value="Red"/><Label value="Blue"/></RectangleLabels>
            </View>
            """;
        var drawn = new JsonObject
        {
            ["id"] = "b1", ["from_name"] = "colour", ["to_name"] = "image", ["type"] = "rectanglelabels",
            ["original_width"] = Width, ["original_height"] = Height,
            ["value"] = new JsonObject { ["x"] = left * 100.0 / Width, ["y"] = 10, ["width"] = 500 * 100.0 / Width, ["height"] = 50, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray() },
        };
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = config,
            ["params"] = new JsonObject { ["context"] = new JsonObject { ["result"] = new JsonArray(drawn) } },
        };

        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        var box = Assert.Single(body!["results"]![0]!["result"]!.AsArray())!;
        Assert.Equal("b1", (string?)box["id"]);
        Assert.Equal(expected, (string?)box["value"]!["rectanglelabels"]![0]);
    }

    [Theory]
    [InlineData("../detect.onnx", "outside MODEL_DIR")]
    [InlineData("missing.onnx", "is not in MODEL_DIR")]
    public async Task A_model_path_must_name_a_file_in_model_dir(string modelPath, string reason)
    {
        var config = $"""<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image" model_path="{modelPath}"><Label value="Car"/></RectangleLabels></View>""";

        var (status, body) = await PredictAsync(config);

        Assert.Contains(reason, JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body));
    }

    [Theory]
    [InlineData("notes.onnx", "ONNX Runtime cannot load it")]
    [InlineData("truncated.onnx", "ONNX Runtime cannot load it")]
    [InlineData("grey.onnx", "its input \"images\" is float32 [1, 1, 64, 64]; an image model takes a float32 or float16 tensor [N, 3, H, W]")]
    public async Task A_model_file_that_cannot_be_used_is_a_422_naming_the_file_and_what_is_wrong(string file, string reason)
    {
        var detect = File.ReadAllBytes(Path.Combine(_models, "detect.onnx"));
        File.WriteAllText(Path.Combine(_models, "notes.onnx"), "these are my notes, not a model");
        File.WriteAllBytes(Path.Combine(_models, "truncated.onnx"), detect[..(detect.Length / 2)]);
        new OnnxModelBuilder()
            .Input("images", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 1, 64, 64)
            .Output("output0", Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 1, 64, 64)
            .Node("Identity", ["images"], ["output0"])
            .Save(Path.Combine(_models, "grey.onnx"));
        File.WriteAllText(Path.Combine(_models, "grey.json"), """{"task": "detect", "names": ["car"]}""");
        var config = $"""<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image" model_path="{file}"><Label value="Car"/></RectangleLabels></View>""";

        var (status, body) = await PredictAsync(config);

        var detail = JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body);
        Assert.Contains($"{file} cannot be used", detail);
        Assert.Contains(reason, detail);
        Assert.DoesNotContain(_models, detail);
        Assert.Equal(HttpStatusCode.OK, (await _backend.Http.GetJsonAsync("/health")).Status);
    }

    private static void AssertBox(JsonNode value, string label, double x1, double y1, double x2, double y2)
    {
        Assert.Equal(label, (string?)value["rectanglelabels"]![0]);
        Assert.Equal(x1 * 100 / Width, (double)value["x"]!, 2);
        Assert.Equal(y1 * 100 / Height, (double)value["y"]!, 2);
        Assert.Equal((x2 - x1) * 100 / Width, (double)value["width"]!, 2);
        Assert.Equal((y2 - y1) * 100 / Height, (double)value["height"]!, 2);
        Assert.Equal(0, (double)value["rotation"]!);
    }
}
