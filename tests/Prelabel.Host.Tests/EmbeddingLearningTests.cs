using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// Choices backed by an embedding model learn from a project's annotations: the webhook starts a background refit that
/// reads the annotated tasks through the Label Studio API; held-out tasks are then classified, and what was learned
/// survives a restart. The backbone is a real graph (channel means), the images separable colours.
/// </summary>
public sealed class EmbeddingLearningTests : IAsyncLifetime
{
    private const long Project = 7;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="colour" toName="image" model_path="colours.onnx" choice="single">
            <Choice value="Red"/>
            <Choice value="Blue"/>
          </Choices>
        </View>
        """;

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-embed-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly List<(long Id, string Image, string Colour)> _heldOut = [];
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        ColourBackbone.Save(_models);
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Colours", Config);
        for (var i = 0; i < 10; i++)
        {
            var colour = i % 2 == 0 ? "Red" : "Blue";
            var (r, b) = colour == "Red" ? (150 + 10 * i, 60) : (60, 150 + 10 * i);
            var file = Path.Combine(_models, $"{i}.png");
            ImageMagick.Convert("-size", "120x90", $"xc:rgb({r},{40 + 5 * i},{b})", file);
            var upload = _labelStudio.AddUpload((int)Project, $"{i}.png", File.ReadAllBytes(file));
            if (i < 6)
            {
                var choice = LabelStudioTestServer.ChoicesResult("colour", "image", colour);
                _labelStudio.AddTaskWithAnnotations(Project, 100 + i, new JsonObject { ["image"] = upload }, LabelStudioTestServer.Annotation(500 + i, new JsonArray(choice)));
            }
            else
            {
                _heldOut.Add((100 + i, upload, colour));
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

    private async Task<(int Correct, string Version)> ClassifyHeldOutAsync(PrelabelProcess backend)
    {
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(_heldOut.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["data"] = new JsonObject { ["image"] = t.Image } }).ToArray()),
            ["project"] = $"{Project}.1746612998",
            ["label_config"] = Config,
        };
        var (status, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{backend.Output}");
        var results = body!["results"]!.AsArray();
        var correct = _heldOut.Where((t, i) => (string?)results[i]!["result"]!.AsArray().FirstOrDefault()?["value"]?["choices"]?[0] == t.Colour).Count();
        return (correct, (string)results[0]!["model_version"]!);
    }

    private static async Task<string> SetupVersionAsync(PrelabelProcess backend)
    {
        var (_, body, _) = await backend.Http.PostAsync("/setup", new JsonObject { ["project"] = $"{Project}.1746612998", ["schema"] = Config }.ToJsonString());
        return (string)body!["model_version"]!;
    }

    [Fact]
    public async Task Training_from_annotations_beats_no_training_and_survives_a_restart()
    {
        string trained;
        await using (var backend = await PrelabelProcess.StartAsync(_settings))
        {
            // The first prediction of a project with nothing learned starts learning in the background; the webhook
            // below may find it done already.
            var (before, untrained) = await ClassifyHeldOutAsync(backend);

            var clock = Stopwatch.StartNew();
            var (status, body, _) = await backend.Http.PostAsync("/webhook", new JsonObject
            {
                ["action"] = "START_TRAINING",
                ["project"] = new JsonObject { ["id"] = Project, ["label_config"] = Config },
            }.ToJsonString());
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"webhook took {clock.Elapsed}");
            Assert.Equal("started", (string?)body!["result"]!["training"]);

            trained = untrained;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); trained == untrained && DateTime.UtcNow < deadline; await Task.Delay(100))
                trained = await SetupVersionAsync(backend);
            Assert.NotEqual(untrained, trained);

            var (after, version) = await ClassifyHeldOutAsync(backend);
            Assert.True(after > before, $"before {before}/4, after {after}/4");
            Assert.Equal(_heldOut.Count, after);
            Assert.Equal(trained, version);
            Assert.Contains(_labelStudio.Requests.All, r => r.Path == "/api/tasks/" && r.AuthorizationScheme == "Token");
        }

        await using var restarted = await PrelabelProcess.StartAsync(_settings);
        Assert.Equal(trained, await SetupVersionAsync(restarted));
        Assert.Equal(_heldOut.Count, (await ClassifyHeldOutAsync(restarted)).Correct);
    }
}
