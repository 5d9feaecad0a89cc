using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace Prelabel.Host.Tests;

/// <summary>
/// Without the Functions host: the executable watches the container in Azurite, sends itself the BlobCreated events
/// and reads the image-events queue. Under injected Label Studio faults, duplicate deliveries and two competing
/// instances, every upload ends as exactly one task or one poison message with its reason.
/// </summary>
[Collection(Alone.Name)]
public sealed class LocalImportTests(Azurite azurite, ITestOutputHelper output) : IClassFixture<Azurite>, IAsyncLifetime
{
    private const long Project = 41;

    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Choices name="pet" toName="image" model_path="pets.onnx" choice="single">
            <Choice value="Cat"/>
            <Choice value="Dog"/>
          </Choices>
        </View>
        """;

    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-local-import-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly BlobContainerClient _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"uploads-{Guid.NewGuid():N}"[..20]);
    private readonly QueueServiceClient _queues = new QueueServiceClient(azurite.ConnectionString);

    public async Task InitializeAsync()
    {
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.9f, 0.1f], 1, 2).Save(Path.Combine(_models, "pets.onnx"));
        await _images.CreateIfNotExistsAsync();
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Pets", Config);
    }

    public async Task DisposeAsync()
    {
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    private Task<PrelabelProcess> StartAsync() => PrelabelProcess.StartAsync(new Dictionary<string, string>
    {
        ["MODEL_DIR"] = _models,
        ["IMAGES"] = azurite.ConnectionString,
        ["IMPORT_ROUTES"] = $"{_images.Name}={Project}",
        ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{_images.Name}",
        ["IMPORT_RETRY_SECONDS"] = "1",
        ["LABEL_STUDIO_TIMEOUT_SECONDS"] = "2",
        ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
        ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
    });

    [Fact]
    public async Task Uploads_to_azurite_become_tasks_with_nothing_but_the_executable()
    {
        await using var backend = await StartAsync();
        var png = Png();
        await _images.GetBlobClient("a.png").UploadAsync(new BinaryData(png), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await _images.GetBlobClient("b/c.png").UploadAsync(new BinaryData(png), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await _images.GetBlobClient("notes.txt").UploadAsync(BinaryData.FromString("not an image"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" } });

        var tasks = await TasksWhenAsync(t => t.Count >= 2, TimeSpan.FromSeconds(60), backend);

        Assert.Equal([$"azure-blob://{_images.Name}/a.png", $"azure-blob://{_images.Name}/b/c.png"], tasks.Select(t => (string?)t["data"]!["image"]).Order());
        Assert.All(tasks, t => Assert.Equal("Cat", (string?)t["predictions"]![0]!["result"]![0]!["value"]!["choices"]![0]));
        Assert.Contains("notes.txt skipped", backend.Output);
    }

    [Fact]
    public async Task Two_hundred_uploads_under_faults_and_duplicate_deliveries_end_as_exactly_one_task_or_poison_message_each()
    {
        const int Uploads = 200;
        var importFaults = _labelStudio.Faults.Chaos($"/api/projects/{Project}/import", seed: 7, failureRate: 0.25, delay: TimeSpan.FromSeconds(4));
        var readFaults = _labelStudio.Faults.Chaos($"/api/projects/{Project}/", seed: 8, failureRate: 0.1, delay: TimeSpan.FromSeconds(4));
        var png = Png();
        var queue = _queues.GetQueueClient("image-events");
        await queue.CreateIfNotExistsAsync();

        // Two instances, each watching the container: every upload is announced twice, plus once more by hand.
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Uploads), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var blob = _images.GetBlobClient($"soak/{i:D3}.png");
            await blob.UploadAsync(new BinaryData(png), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } }, ct);
            var created = Importer.BlobCreatedEvent.Create(new Uri(blob.Uri.GetLeftPart(UriPartial.Path)), "image/png", png.Length, null);
            await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(created.ToJsonString())), cancellationToken: ct);
        });

        IReadOnlyList<JsonObject> tasks = [];
        List<JsonObject> poisoned = [];
        // The faults stay on to the end: an upload whose every delivery fails must show up in the poison queue.
        for (var deadline = DateTime.UtcNow.AddMinutes(4); DateTime.UtcNow < deadline; await Task.Delay(1000))
        {
            tasks = await TasksAsync();
            poisoned = await PoisonedAsync();
            if (tasks.Select(Source).Concat(poisoned.Select(p => (string?)p["blob"])).Distinct().Count() >= Uploads
                && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0) break;
        }
        _labelStudio.Faults.Clear();
        output.WriteLine($"{tasks.Count} tasks and {poisoned.Count} poison messages in {clock.Elapsed.TotalSeconds:0.0} s; " +
                         $"faults on import: {importFaults}; on project reads: {readFaults}");
        foreach (var p in poisoned) output.WriteLine($"poisoned {p["blob"]}: {p["reason"]}");

        var sources = tasks.Select(Source).ToArray();
        Assert.Equal(sources.Length, sources.Distinct().Count());
        Assert.Empty(poisoned.Select(p => (string?)p["blob"]).Intersect(sources));
        Assert.Equal(Uploads, sources.Length + poisoned.Select(p => (string?)p["blob"]).Distinct().Count());
        Assert.All(poisoned, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["reason"])));
        Assert.True(importFaults.Faults > 20, $"too few faults to mean anything: {importFaults}");
    }

    private static string? Source(JsonObject task) => (string?)task["meta"]?["source_blob"];

    private static byte[] Png()
    {
        var file = Path.Combine(Path.GetTempPath(), $"prelabel-{Guid.NewGuid():N}.png");
        ImageMagick.Convert("-size", "64x48", "xc:teal", file);
        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        return bytes;
    }

    private async Task<IReadOnlyList<JsonObject>> TasksWhenAsync(Func<IReadOnlyList<JsonObject>, bool> done, TimeSpan within, PrelabelProcess backend)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var tasks = await TasksAsync();
            if (done(tasks)) return tasks;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{tasks.Count} tasks after {within}.\n{backend.Output}");
            await Task.Delay(200);
        }
    }

    private async Task<IReadOnlyList<JsonObject>> TasksAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_labelStudio.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _labelStudio.LegacyToken);
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync($"/api/tasks/?project={Project}&fields=all&page_size=100&page={page}");
            if (!response.IsSuccessStatusCode) break;
            var tasks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tasks"]!.AsArray();
            all.AddRange(tasks.Select(t => t!.AsObject()));
            if (tasks.Count < 100) break;
        }
        return all;
    }

    private async Task<List<JsonObject>> PoisonedAsync()
    {
        var queue = _queues.GetQueueClient("image-events-poison");
        await queue.CreateIfNotExistsAsync();
        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.MessageText)!.AsObject())
            .Where(p => ((string?)p["blob"])?.StartsWith(_images.Name) == true)];
    }
}
