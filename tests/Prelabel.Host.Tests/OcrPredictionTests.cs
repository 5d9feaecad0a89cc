using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The whole path with real parts: an image with known words uploaded to a Label Studio test server, the real
/// executable fetching it with a token, the real PaddleOCR models in ONNX Runtime, and the real Label Studio editor
/// rendering the prediction.
/// </summary>
public sealed class OcrPredictionTests : IAsyncLifetime
{
    public const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Text" background="green"/></RectangleLabels>
          <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="false" maxSubmissions="1" rows="5" displayMode="region-list"/>
        </View>
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-ocr-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private PrelabelProcess _backend = null!;
    private TextImage _image = null!;

    public async Task InitializeAsync()
    {
        _image = TextImage.Draw(_folder, "invoice.png", 1000, 360, 56,
            ("Invoice 2026", 40, 90), ("Total 42.50 EUR", 40, 200), ("Label Studio", 520, 320));
        await _labelStudio.StartAsync();
        _backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<JsonObject> PredictAsync(string config = Config)
    {
        var upload = _labelStudio.AddUpload(1, "invoice.png", _image.Bytes);
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 11, ["data"] = new JsonObject { ["image"] = upload } }),
            ["project"] = "1.1746612998",
            ["label_config"] = config,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
        };
        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}\n{_backend.Output}");
        return Assert.Single(body!["results"]!.AsArray())!.AsObject();
    }

    [Fact]
    public async Task Predict_finds_every_line_and_reads_it_exactly()
    {
        var prediction = await PredictAsync();

        var results = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var boxes = results.Where(r => (string?)r["type"] == "rectanglelabels").ToArray();
        Assert.Equal(_image.Lines.Count, boxes.Length);
        foreach (var line in _image.Lines)
        {
            var box = boxes.SingleOrDefault(b => Covers(b, line));
            Assert.True(box is not null, $"no box covers {line}: {string.Join(" | ", boxes.Select(b => b["value"]!.ToJsonString()))}");
            var value = box["value"]!;
            Assert.Equal("Text", (string?)value["rectanglelabels"]![0]);
            Assert.Equal((1000, 360), ((int)box["original_width"]!, (int)box["original_height"]!));
            Assert.InRange((double)box["score"]!, 0.5, 1);
            var text = Assert.Single(results, r => (string?)r["type"] == "textarea" && (string?)r["id"] == (string?)box["id"]);
            Assert.Equal(("transcription", "image"), ((string?)text["from_name"], (string?)text["to_name"]));
            Assert.Equal(line.Text, (string?)text["value"]!["text"]![0]);
        }
        Assert.InRange((double)prediction["score"]!, 0.5, 1);
        Assert.Matches("^PP-OCRv4-", (string?)prediction["model_version"]);
        Assert.Contains(_labelStudio.Requests.All, r => r.Path.StartsWith("/data/upload/1/") && r.AuthorizationScheme == "Token");
    }

    [Fact]
    public async Task Server_timing_gives_each_stage_and_the_total_that_holds_them()
    {
        var upload = _labelStudio.AddUpload(1, "invoice.png", _image.Bytes);
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 11, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = Config,
        };

        var (status, _, response) = await _backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var timing = Prelabel.Host.Apis.ServerTiming.Parse(response.Headers.GetValues("Server-Timing").Single());
        string[] stages = ["fetch", "decode", "preprocess", "inference", "postprocess", "serialise"];
        Assert.Equal([.. stages, "total"], timing.Keys);
        Assert.True(timing["inference"] > 0, string.Join(", ", timing));
        Assert.True(timing["total"] >= stages.Sum(s => timing[s]) - 0.01, string.Join(", ", timing));
    }

    [Fact]
    public async Task The_label_studio_editor_renders_every_region_with_its_label_and_text()
    {
        var prediction = await PredictAsync();

        var rendered = await LabelStudioEditor.RenderAsync(Config, _image.Path, prediction);

        Assert.All(rendered["images"]!.AsArray(), i => Assert.True((bool)i!["loaded"]!));
        Assert.Empty(rendered["editor_errors"]!.AsArray());
        var regions = rendered["regions"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var sent = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.Equal(sent.Count(r => (string?)r["type"] == "rectanglelabels"), regions.Length);
        foreach (var region in regions)
        {
            Assert.Equal(["Text"], region["labels"]!.AsArray().Select(l => (string?)l));
            Assert.True((bool)region["inside_image"]!);
            var box = sent.Single(r => (string?)r["id"] == (string?)region["id"] && (string?)r["type"] == "rectanglelabels");
            foreach (var key in new[] { "x", "y", "width", "height" })
                Assert.Equal((double)box["value"]![key]!, (double)region["bbox_percent"]![key]!, 6);
            var text = sent.Single(r => (string?)r["id"] == (string?)region["id"] && (string?)r["type"] == "textarea");
            Assert.Equal((string?)text["value"]!["text"]![0], (string?)rendered["texts"]![(string)region["id"]!]![0]);
        }
        var serialized = rendered["serialized"]!.AsArray().Select(r => ((string?)r!["id"], (string?)r["from_name"], (string?)r["type"])).Order();
        Assert.Equal(sent.Select(r => ((string?)r["id"], (string?)r["from_name"], (string?)r["type"])).Order(), serialized);
    }

    [Fact]
    public async Task A_prediction_with_a_wrong_from_name_does_not_render_as_sent()
    {
        var prediction = await PredictAsync();
        foreach (var result in prediction["result"]!.AsArray().Where(r => (string?)r!["type"] == "rectanglelabels"))
            result!["from_name"] = "labels_that_do_not_exist";

        var rendered = await LabelStudioEditor.RenderAsync(Config, _image.Path, prediction);

        var serializedNames = rendered["serialized"]!.AsArray().Select(r => (string?)r!["from_name"]).ToArray();
        var unlabeled = rendered["regions"]!.AsArray().Count(r => r!["labels"]!.AsArray().Count == 0);
        Assert.True(unlabeled > 0 || !serializedNames.Contains("labels_that_do_not_exist"), rendered.ToJsonString());
        Assert.DoesNotContain("labels_that_do_not_exist", serializedNames);
    }

    [Fact]
    public async Task Polygon_labels_get_one_closed_polygon_per_line()
    {
        const string config = """
            <View><Image name="image" value="$image"/>
              <PolygonLabels name="poly" toName="image"><Label value="Line" predicted_values="text"/></PolygonLabels>
            </View>
            """;

        var prediction = await PredictAsync(config);

        var polygons = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.Equal(_image.Lines.Count, polygons.Length);
        Assert.All(polygons, p =>
        {
            Assert.Equal("polygonlabels", (string?)p["type"]);
            Assert.Equal("Line", (string?)p["value"]!["polygonlabels"]![0]);
            Assert.Equal(4, p["value"]!["points"]!.AsArray().Count);
        });
    }

    [Fact]
    public async Task In_a_batch_a_task_whose_image_is_missing_gets_an_entry_without_result_and_the_others_keep_theirs()
    {
        var upload = _labelStudio.AddUpload(1, "invoice.png", _image.Bytes);
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(
                new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = upload } },
                new JsonObject { ["id"] = 2, ["data"] = new JsonObject { ["image"] = "/data/upload/1/deleted.png" } },
                new JsonObject { ["id"] = 3, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = Config,
        };

        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body!["results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal(2 * _image.Lines.Count, results[0]!["result"]!.AsArray().Count);
        Assert.Equal(results[0]!["result"]!.ToJsonString(), results[2]!["result"]!.ToJsonString());
        Assert.False(results[1]!.AsObject().ContainsKey("result"));
        Assert.Contains("404", (string?)results[1]!["error"]);
        Assert.All(results, r => Assert.Equal((string?)results[0]!["model_version"], (string?)r!["model_version"]));
    }

    [Fact]
    public async Task A_batch_where_no_task_can_be_predicted_is_an_error_with_the_first_reason()
    {
        var request = """{"tasks": [{"id": 1, "data": {"image": "/data/upload/1/gone.png"}}, {"id": 2, "data": {"image": "/data/upload/1/gone-too.png"}}], "label_config": %CONFIG%}"""
            .Replace("%CONFIG%", JsonValue.Create(Config).ToJsonString());

        var (status, body, _) = await _backend.Http.PostAsync("/predict", request);

        var detail = JsonHttp.AssertError(HttpStatusCode.BadGateway, status, body);
        Assert.Contains("None of the 2 tasks", detail);
        Assert.Contains("404", detail);
    }

    [Fact]
    public async Task An_image_that_is_not_an_image_is_a_422_that_says_so()
    {
        var upload = _labelStudio.AddUpload(1, "notes.png", "just some text"u8.ToArray());
        var request = new JsonObject { ["tasks"] = new JsonArray(new JsonObject { ["id"] = 5, ["data"] = new JsonObject { ["image"] = upload } }), ["label_config"] = Config };

        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.Contains("could not be read", JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body));
    }

    [Theory]
    [InlineData("webp")]
    [InlineData("gif")]
    [InlineData("bmp")]
    public async Task A_page_in_webp_gif_or_bmp_is_read_like_a_png(string format)
    {
        var image = TextImage.Draw(_folder, $"page.{format}", 700, 160, 56, ("Skia 2026", 40, 100));

        var (status, body) = await PredictBytesAsync($"page.{format}", image.Bytes);

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}\n{_backend.Output}");
        var result = Assert.Single(body!["results"]!.AsArray())!["result"]!.AsArray();
        Assert.Equal(["Skia 2026"], result.Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]));
    }

    [Theory]
    [InlineData("tiff", "TIFF")]
    [InlineData("heic", "HEIF/HEIC")]
    [InlineData("avif", "AVIF")]
    public async Task A_format_prelabel_cannot_read_is_a_422_naming_it(string extension, string format)
    {
        var image = TextImage.Draw(_folder, $"page.{extension}", 300, 100, 40, ("Scan", 20, 60));

        var (status, body) = await PredictBytesAsync($"page.{extension}", image.Bytes);

        var detail = JsonHttp.AssertError(HttpStatusCode.UnprocessableEntity, status, body);
        Assert.Contains($"unsupported image format ({format})", detail);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PredictBytesAsync(string name, byte[] bytes)
    {
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 21, ["data"] = new JsonObject { ["image"] = _labelStudio.AddUpload(1, name, bytes) } }),
            ["label_config"] = Config,
        };
        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());
        return (status, body);
    }

    [Fact]
    public async Task An_interactive_call_reads_the_text_inside_the_box_the_annotator_drew()
    {
        var upload = _labelStudio.AddUpload(1, "invoice.png", _image.Bytes);
        var line = _image.Lines[1];
        var drawn = new JsonObject
        {
            ["id"] = "u1x9", ["from_name"] = "label", ["to_name"] = "image", ["type"] = "rectanglelabels",
            ["original_width"] = _image.Width, ["original_height"] = _image.Height, ["image_rotation"] = 0,
            ["value"] = new JsonObject
            {
                ["x"] = (line.X - 12) * 100.0 / _image.Width, ["y"] = (line.Y - 12) * 100.0 / _image.Height,
                ["width"] = (line.Width + 24) * 100.0 / _image.Width, ["height"] = (line.Height + 24) * 100.0 / _image.Height,
                ["rotation"] = 0, ["rectanglelabels"] = new JsonArray("Text"),
            },
        };
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 11, ["data"] = new JsonObject { ["image"] = upload } }),
            ["label_config"] = Config,
            ["params"] = new JsonObject { ["context"] = new JsonObject { ["result"] = new JsonArray(drawn.DeepClone()) } },
        };

        var (status, body, _) = await _backend.Http.PostAsync("/predict", request.ToJsonString());

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        var results = Assert.Single(body!["results"]!.AsArray())!["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var text = Assert.Single(results, r => (string?)r["type"] == "textarea");
        Assert.Equal(("u1x9", "transcription"), ((string?)text["id"], (string?)text["from_name"]));
        Assert.Equal(line.Text, (string?)text["value"]!["text"]![0]);
        Assert.Equal((double)drawn["value"]!["x"]!, (double)text["value"]!["x"]!, 9);
        var box = Assert.Single(results, r => (string?)r["type"] == "rectanglelabels");
        Assert.Equal(drawn["value"]!.ToJsonString(), box["value"]!.ToJsonString());
    }

    /// <summary>The box holds the line's ink (slack: 15% of the line height, for anti-aliased edges) and is not much larger than it.</summary>
    private bool Covers(JsonObject box, TextImage.Line line)
    {
        var v = box["value"]!;
        double X(string k) => (double)v[k]! * _image.Width / 100;
        double Y(string k) => (double)v[k]! * _image.Height / 100;
        var (left, top, right, bottom) = (X("x"), Y("y"), X("x") + X("width"), Y("y") + Y("height"));
        var slack = 0.15 * line.Height;
        var holds = left <= line.X + slack && top <= line.Y + slack && right >= line.X + line.Width - slack && bottom >= line.Y + line.Height - slack;
        var tight = (right - left) * (bottom - top) <= 3.0 * line.Width * line.Height;
        return holds && tight;
    }
}
