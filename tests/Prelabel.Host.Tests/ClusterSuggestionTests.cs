using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// Before anyone labels anything, an embedding-backed Choices suggests k-means clusters: /setup starts the clustering of
/// the project's images in the background, alike images then get the same choice and unlike ones different choices,
/// scored as the guess they are; the first annotations take over from the clusters.
/// </summary>
public sealed class ClusterSuggestionTests : IAsyncLifetime
{
    private const long Project = 8;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="colour" toName="image" model_path="colours.onnx" choice="single">
            <Choice value="Red"/>
            <Choice value="Blue"/>
          </Choices>
        </View>
        """;

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-cluster-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly List<(long Id, string Image, string Colour)> _tasks = [];
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        ColourBackbone.Save(_models);
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Colours", Config);
        for (var i = 0; i < 8; i++)
        {
            // Three reds and five blues: the larger cluster comes first and takes the first choice's name.
            var colour = i < 3 ? "Red" : "Blue";
            var (r, b) = colour == "Red" ? (150 + 12 * i, 60) : (60, 140 + 12 * i);
            var file = Path.Combine(_models, $"{i}.png");
            ImageMagick.Convert("-size", "120x90", $"xc:rgb({r},{40 + 6 * i},{b})", file);
            var upload = _labelStudio.AddUpload((int)Project, $"{i}.png", File.ReadAllBytes(file));
            _labelStudio.AddTaskWithAnnotations(Project, 200 + i, new JsonObject { ["image"] = upload });
            _tasks.Add((200 + i, upload, colour));
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
    public async Task Alike_images_get_the_same_suggested_choice_before_any_annotation_and_labels_take_over()
    {
        await using var backend = await PrelabelProcess.StartAsync(_settings);
        var untrained = await SetupVersionAsync(backend);
        var clustered = await VersionAfterAsync(backend, untrained);

        var suggestions = await PredictAsync(backend);
        Assert.All(suggestions, s => Assert.Equal(0.5, s.Score));
        Assert.All(suggestions, s => Assert.NotNull(s.Choice));
        var byColour = _tasks.Zip(suggestions).GroupBy(p => p.First.Colour, p => p.Second.Choice).ToDictionary(g => g.Key, g => g.Distinct().OfType<string>().ToArray());
        Assert.Equal(["Red"], byColour["Blue"]);
        Assert.Equal(["Blue"], byColour["Red"]);

        // Someone labels one image of each colour, with the true names: labels beat the clusters' arbitrary ones.
        Annotate(_tasks.First(t => t.Colour == "Red"));
        Annotate(_tasks.First(t => t.Colour == "Blue"));
        var (status, _, _) = await backend.Http.PostAsync("/webhook", new JsonObject
        {
            ["action"] = "ANNOTATION_CREATED",
            ["project"] = new JsonObject { ["id"] = Project, ["label_config"] = Config },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);
        await VersionAfterAsync(backend, clustered);

        var learned = await PredictAsync(backend);
        Assert.Equal(_tasks.Select(t => t.Colour), learned.Select(l => l.Choice));
        Assert.All(learned, l => Assert.True(l.Score > 0.5, $"score {l.Score}"));
    }

    private void Annotate((long Id, string Image, string Colour) task)
    {
        var choice = LabelStudioTestServer.ChoicesResult("colour", "image", task.Colour);
        _labelStudio.AddTaskWithAnnotations(Project, task.Id, new JsonObject { ["image"] = task.Image }, LabelStudioTestServer.Annotation(700 + task.Id, new JsonArray(choice)));
    }

    private async Task<IReadOnlyList<(string? Choice, double Score)>> PredictAsync(PrelabelProcess backend)
    {
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(_tasks.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["data"] = new JsonObject { ["image"] = t.Image } }).ToArray()),
            ["project"] = $"{Project}.1746612998",
            ["label_config"] = Config,
        };
        var (status, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{backend.Output}");
        return body!["results"]!.AsArray().Select(r =>
        {
            var result = r!["result"]!.AsArray().SingleOrDefault();
            return ((string?)result?["value"]?["choices"]?[0], (double?)result?["score"] ?? 0);
        }).ToArray();
    }

    private static async Task<string> SetupVersionAsync(PrelabelProcess backend)
    {
        var (_, body, _) = await backend.Http.PostAsync("/setup", new JsonObject { ["project"] = $"{Project}.1746612998", ["schema"] = Config }.ToJsonString());
        return (string)body!["model_version"]!;
    }

    /// <summary>The backend learns in the background; its version says when it is done.</summary>
    private static async Task<string> VersionAfterAsync(PrelabelProcess backend, string before)
    {
        var version = before;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); version == before && DateTime.UtcNow < deadline; await Task.Delay(100))
            version = await SetupVersionAsync(backend);
        Assert.True(version != before, $"still {before} after 30 s\n{backend.Output}");
        return version;
    }
}
