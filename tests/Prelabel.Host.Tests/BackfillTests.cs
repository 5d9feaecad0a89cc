using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.Functions.TestHost;
using Prelabel.LabelStudio.TestServer;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Prelabel.Host.Tests;

/// <summary>
/// Backfill: POST /backfill turns what is already in a container into upload events on the queue; the command
/// (scripts/backfill) does the same, and predicts or deletes the predictions of a project's existing tasks.
/// </summary>
public sealed class BackfillTests : IClassFixture<Azurite>, IAsyncLifetime
{
    private const long Project = 51;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="pet" toName="image" model_path="pets.onnx" choice="single">
            <Choice value="Cat"/>
            <Choice value="Dog"/>
          </Choices>
        </View>
        """;

    private readonly Azurite _azurite;
    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-backfill-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly BlobContainerClient _images;
    private readonly QueueClient _queue;

    public BackfillTests(Azurite azurite)
    {
        _azurite = azurite;
        _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"old-{Guid.NewGuid():N}"[..20]);
        _queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("image-events");
    }

    private Dictionary<string, string> Settings => new()
    {
        ["MODEL_DIR"] = _models,
        ["IMAGES"] = _azurite.ConnectionString,
        ["IMPORT_ROUTES"] = $"{_images.Name}/cam1/={Project}",
        ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
        ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
    };

    public async Task InitializeAsync()
    {
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.6f, 0.4f], 1, 2).Save(Path.Combine(_models, "pets.onnx"));
        await _images.CreateIfNotExistsAsync();
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Pets", Config);
    }

    public async Task DisposeAsync()
    {
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task Posting_to_backfill_sends_one_event_per_routed_blob()
    {
        foreach (var name in new[] { "cam1/a.png", "cam1/b.png", "cam1/sub/c.png", "cam2/d.png" })
            await _images.GetBlobClient(name).UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await using var backend = await FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), Settings);

        var (status, body, _) = await backend.Http.PostAsync($"/backfill?code={backend.FunctionKey}", new JsonObject { ["container"] = _images.Name, ["prefix"] = "cam" }.ToJsonString());

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal(3, (int)body!["enqueued"]!);
        Assert.Equal(1, (int)body["not_routed"]!);
        var events = (await _queue.PeekMessagesAsync(32)).Value
            .Select(m => Importer.BlobCreatedEvent.Parse(m.MessageText, out _)).OfType<Importer.BlobCreatedEvent>()
            .Where(e => e.Container == _images.Name).Select(e => e.BlobName).Order();
        Assert.Equal(["cam1/a.png", "cam1/b.png", "cam1/sub/c.png"], events);
    }

    [Fact]
    public async Task A_container_that_does_not_exist_is_a_404_from_the_api_and_one_line_from_the_command()
    {
        await using var backend = await FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), Settings);

        var (status, body, _) = await backend.Http.PostAsync($"/backfill?code={backend.FunctionKey}", new JsonObject { ["container"] = "nosuchcontainer" }.ToJsonString());
        var command = await RunAsync("backfill", "blobs", "nosuchcontainer/cam1/");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no container nosuchcontainer", (string?)body!["detail"]);
        Assert.Equal(1, command.ExitCode);
        Assert.Contains("storage answered 404 ContainerNotFound", command.Output);
        Assert.DoesNotContain("   at ", command.Output);
    }

    [Fact]
    public async Task The_command_predicts_the_tasks_without_a_current_prediction_and_deletes_a_versions_predictions()
    {
        var image = Path.Combine(_models, "pet.png");
        ImageMagick.Convert("-size", "40x40", "xc:brown", image);
        for (var i = 0; i < 3; i++)
            _labelStudio.AddTaskWithAnnotations(Project, 600 + i, new JsonObject { ["image"] = _labelStudio.AddUpload((int)Project, $"{i}.png", File.ReadAllBytes(image)) });
        _labelStudio.AddTaskWithAnnotations(Project, 603, new JsonObject { ["image"] = "/data/upload/51/missing.png" });

        var first = await RunAsync("backfill", "tasks", $"{Project}");
        var second = await RunAsync("backfill", "tasks", $"{Project}");
        var version = (string)(await TasksAsync())[0]["predictions"]![0]!["model_version"]!;
        var deleted = await RunAsync("backfill", "delete", $"{Project}", version);
        var usage = await RunAsync("backfill", "nonsense");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("3 done, 0 skipped, 1 failed", first.Output);
        Assert.Contains("task 603:", first.Output);
        Assert.Contains("0 done, 3 skipped, 1 failed", second.Output);
        Assert.StartsWith("pets-", version);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("3 done, 0 skipped, 0 failed", deleted.Output);
        Assert.All(await TasksAsync(), t => Assert.Empty(t["predictions"]!.AsArray()));
        Assert.Equal(2, usage.ExitCode);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Prelabel.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Settings) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private async Task<IReadOnlyList<JsonObject>> TasksAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_labelStudio.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _labelStudio.LegacyToken);
        var body = JsonNode.Parse(await http.GetStringAsync($"/api/tasks/?project={Project}&fields=all&page_size=100"))!;
        return [.. body["tasks"]!.AsArray().Select(t => t!.AsObject()).Where(t => (long)t["id"]! < 603)];
    }
}
