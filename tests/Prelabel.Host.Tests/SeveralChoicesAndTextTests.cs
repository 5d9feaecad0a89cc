using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// One config with two Choices groups learned from one embedding backbone and a TextArea the OCR model fills, as a
/// specimen-labelling team uses it: every control is served in one prediction, each group learns its own labels.
/// </summary>
public sealed class SeveralChoicesAndTextTests : IAsyncLifetime
{
    private const long Project = 9;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="colour" toName="image" model_path="colours.onnx" choice="single">
            <Choice value="Red"/>
            <Choice value="Blue"/>
          </Choices>
          <Choices name="tone" toName="image" model_path="colours.onnx" choice="single">
            <Choice value="Light"/>
            <Choice value="Dark"/>
          </Choices>
          <TextArea name="label" toName="image" editable="true"/>
        </View>
        """;

    private static readonly (string Colour, string Tone, string Rgb)[] Looks =
    [
        ("Red", "Light", "rgb(245,165,160)"), ("Red", "Dark", "rgb(125,25,20)"),
        ("Blue", "Light", "rgb(160,165,245)"), ("Blue", "Dark", "rgb(20,25,125)"),
    ];

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-specimens-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly List<(long Id, string Image, string Colour, string Tone, string Text)> _heldOut = [];
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        ColourBackbone.Save(_models);
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Specimens", Config);
        for (var i = 0; i < 12; i++)
        {
            var (colour, tone, rgb) = Looks[i % Looks.Length];
            var text = $"SPECIMEN {40 + i}";
            var file = Path.Combine(_models, $"{i}.png");
            // Black text on a white card in one corner; the rest of the image is the specimen's colour.
            ImageMagick.Convert("-size", "480x320", $"xc:{rgb}", "-fill", "white", "-draw", "rectangle 0,0 330,90",
                "-font", "DejaVu-Sans", "-pointsize", "30", "-fill", "black", "-annotate", "+24+58", text, file);
            var upload = _labelStudio.AddUpload((int)Project, $"{i}.png", File.ReadAllBytes(file));
            if (i < 8)
            {
                _labelStudio.AddTaskWithAnnotations(Project, 300 + i, new JsonObject { ["image"] = upload },
                    LabelStudioTestServer.Annotation(900 + i, new JsonArray(LabelStudioTestServer.ChoicesResult("colour", "image", colour), LabelStudioTestServer.ChoicesResult("tone", "image", tone))));
            }
            else
            {
                _heldOut.Add((300 + i, upload, colour, tone, text));
            }
        }
        _settings = new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["LEARNED_STATE_DIR"] = Path.Combine(_models, "learned"),
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        };
    }

    public async Task DisposeAsync()
    {
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task Both_choice_groups_learn_and_the_text_is_read_in_the_same_prediction()
    {
        await using var backend = await PrelabelProcess.StartAsync(_settings);
        var (status, _, _) = await backend.Http.PostAsync("/webhook", new JsonObject
        {
            ["action"] = "START_TRAINING",
            ["project"] = new JsonObject { ["id"] = Project, ["label_config"] = Config },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);

        // Trained when both groups' learned states are written. /setup only after that: while a group is still
        // untrained, /setup itself starts a refit, which would rewrite the states after the version was read.
        var learned = Path.Combine(_models, "learned", $"{Project}");
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !(Directory.Exists(learned) && Directory.GetFiles(learned).Length == 2);)
            await Task.Delay(100);
        Assert.Equal(2, Directory.GetFiles(learned).Length);
        var (_, setup, _) = await backend.Http.PostAsync("/setup", new JsonObject { ["project"] = $"{Project}.1", ["schema"] = Config }.ToJsonString());
        var version = (string)setup!["model_version"]!;

        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(_heldOut.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["data"] = new JsonObject { ["image"] = t.Image } }).ToArray()),
            ["project"] = $"{Project}.1",
            ["label_config"] = Config,
        };
        var (predictStatus, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(predictStatus == HttpStatusCode.OK, $"{predictStatus} {body}\n{backend.Output}");

        var predictions = body!["results"]!.AsArray();
        Assert.Equal(_heldOut.Count, predictions.Count);
        foreach (var (task, prediction) in _heldOut.Zip(predictions))
        {
            var results = prediction!["result"]!.AsArray().Select(r => r!.AsObject()).ToArray();
            string? Picked(string control) => (string?)results.SingleOrDefault(r => (string?)r["from_name"] == control)?["value"]?["choices"]?[0];
            Assert.Equal(task.Colour, Picked("colour"));
            Assert.Equal(task.Tone, Picked("tone"));
            var text = results.Single(r => (string?)r["from_name"] == "label");
            Assert.Equal("textarea", (string?)text["type"]);
            Assert.Contains(task.Text, text["value"]!["text"]!.AsArray().Select(t => (string?)t));
            Assert.Equal(version, (string?)prediction["model_version"]);
        }
        Assert.Equal(2, version.Split('+').Length);
    }
}
