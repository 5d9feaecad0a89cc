using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Prelabel.Host.Storage;
using Prelabel.Inference.Embeddings;
using Prelabel.LabelStudio.TestServer;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Prelabel.Host.Tests;

/// <summary>
/// Learned states as blobs (LEARNED_STATE_CONTAINER) in real Azurite: what one instance learned, another instance with
/// its own disk predicts with; instances take turns training through a blob lease.
/// </summary>
public sealed class SharedLearnedStateTests : IClassFixture<Azurite>, IAsyncLifetime
{
    private const long Project = 11;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="colour" toName="image" model_path="colours.onnx" choice="single">
            <Choice value="Red"/>
            <Choice value="Blue"/>
          </Choices>
        </View>
        """;

    private readonly Azurite _azurite;
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-shared-state-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly BlobContainerClient _container;
    private readonly List<(long Id, string Image, string Colour)> _heldOut = [];

    public SharedLearnedStateTests(Azurite azurite)
    {
        _azurite = azurite;
        _container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"models-{Guid.NewGuid():N}");
    }

    public async Task InitializeAsync()
    {
        await _container.CreateIfNotExistsAsync();
        var backbone = Directory.CreateDirectory(Path.Combine(_folder, "backbone")).FullName;
        ColourBackbone.Save(backbone);
        foreach (var file in Directory.GetFiles(backbone))
            await _container.GetBlobClient(Path.GetFileName(file)).UploadAsync(new BinaryData(File.ReadAllBytes(file)));
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Colours", Config);
        for (var i = 0; i < 8; i++)
        {
            var colour = i % 2 == 0 ? "Red" : "Blue";
            var (r, b) = colour == "Red" ? (160 + 10 * i, 50) : (50, 160 + 10 * i);
            var file = Path.Combine(_folder, $"{i}.png");
            ImageMagick.Convert("-size", "100x80", $"xc:rgb({r},60,{b})", file);
            var upload = _labelStudio.AddUpload((int)Project, $"{i}.png", File.ReadAllBytes(file));
            if (i < 4)
            {
                var choice = LabelStudioTestServer.ChoicesResult("colour", "image", colour);
                _labelStudio.AddTaskWithAnnotations(Project, 400 + i, new JsonObject { ["image"] = upload }, LabelStudioTestServer.Annotation(800 + i, new JsonArray(choice)));
            }
            else
            {
                _heldOut.Add((400 + i, upload, colour));
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>An instance with its own MODEL_DIR; models and learned states come from the shared container.</summary>
    private Task<PrelabelProcess> StartInstanceAsync(string name) => PrelabelProcess.StartAsync(new Dictionary<string, string>
    {
        ["IMAGES"] = _azurite.ConnectionString,
        ["MODELS_CONTAINER"] = _container.Name,
        ["LEARNED_STATE_CONTAINER"] = _container.Name,
        ["MODEL_DIR"] = Path.Combine(_folder, name),
        ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
        ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
    });

    [Fact]
    public async Task What_one_instance_learned_another_one_predicts_with()
    {
        await using var first = await StartInstanceAsync("first");
        await using var second = await StartInstanceAsync("second");
        var untrained = await SetupVersionAsync(second);

        // Both instances get the event at once, as they would behind a load balancer: they take turns.
        var events = await Task.WhenAll(first.Http.PostAsync("/webhook", StartTraining()), second.Http.PostAsync("/webhook", StartTraining()));
        Assert.All(events, e => Assert.Equal(HttpStatusCode.Created, e.Status));

        var trained = untrained;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); trained == untrained && DateTime.UtcNow < deadline; await Task.Delay(200))
            trained = await SetupVersionAsync(first);
        Assert.NotEqual(untrained, trained);

        var stored = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = "learned/" })) stored.Add(blob.Name);
        Assert.Equal(["learned/11/.lock", "learned/11/colour.json"], stored.Order());
        Assert.False(Directory.Exists(Path.Combine(_folder, "first", "learned")));
        Assert.False(File.Exists(Path.Combine(_folder, "second", "learned", "11", "colour.json")));

        // A third instance, started after training, reads the state from the container.
        await using var third = await StartInstanceAsync("third");
        Assert.Equal(trained, await SetupVersionAsync(third));
        Assert.Equal(_heldOut.Select(t => t.Colour), await PredictAsync(third));
        // Both trainers are done (the lock is free) and the second instance sees the same state.
        var lease = (await _container.GetBlobClient("learned/11/.lock").GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15))).Value;
        Assert.NotNull(lease.LeaseId);
        Assert.Equal(trained, await SetupVersionAsync(second));
    }

    [Fact]
    public async Task The_training_lock_is_held_by_one_holder_at_a_time()
    {
        var store = new LearnedStateBlobs(_container, NullLogger<LearnedStateBlobs>.Instance);

        var first = await store.LockAsync(Project, CancellationToken.None);
        var second = store.LockAsync(Project, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(second.IsCompleted);

        var clock = Stopwatch.StartNew();
        await first.DisposeAsync();
        await using (await second.WaitAsync(TimeSpan.FromSeconds(10)))
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_state_round_trips_through_a_blob_and_its_tag_follows_changes()
    {
        var store = new LearnedStateBlobs(_container, NullLogger<LearnedStateBlobs>.Instance);
        Assert.Null(await store.TagAsync(Project, "a/b", CancellationToken.None));
        var (empty, none) = await store.ReadAsync(Project, "a/b", CancellationToken.None);
        Assert.Same(EmbeddingState.Empty, empty);
        Assert.Null(none);

        var state = EmbeddingState.Empty.ForModel("m-1").WithExample(3, ["x"], [1f, 0f]);
        var tag = await store.WriteAsync(Project, "a/b", state, CancellationToken.None);
        var (read, readTag) = await store.ReadAsync(Project, "a/b", CancellationToken.None);

        Assert.Equal(state.Version, read.Version);
        Assert.Equal(tag, readTag);
        Assert.Equal(tag, await store.TagAsync(Project, "a/b", CancellationToken.None));
        Assert.NotEqual(tag, await store.WriteAsync(Project, "a/b", state.WithExample(4, ["y"], [0f, 1f]), CancellationToken.None));
        await _container.GetBlobClient("learned/11/a_b.json").GetPropertiesAsync();
    }

    private static string StartTraining() => new JsonObject
    {
        ["action"] = "START_TRAINING",
        ["project"] = new JsonObject { ["id"] = Project, ["label_config"] = Config },
    }.ToJsonString();

    private static async Task<string> SetupVersionAsync(PrelabelProcess backend)
    {
        var (_, body, _) = await backend.Http.PostAsync("/setup", new JsonObject { ["project"] = $"{Project}.1", ["schema"] = Config }.ToJsonString());
        return (string)body!["model_version"]!;
    }

    private async Task<IReadOnlyList<string?>> PredictAsync(PrelabelProcess backend)
    {
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(_heldOut.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["data"] = new JsonObject { ["image"] = t.Image } }).ToArray()),
            ["project"] = $"{Project}.1",
            ["label_config"] = Config,
        };
        var (status, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{backend.Output}");
        return body!["results"]!.AsArray().Select(r => (string?)r!["result"]!.AsArray().FirstOrDefault()?["value"]?["choices"]?[0]).ToArray();
    }
}
