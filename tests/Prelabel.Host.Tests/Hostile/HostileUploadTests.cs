using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Prelabel.Host.Tests.Hostile;

/// <summary>
/// The image-bytes half of the hostile corpus through the upload path: every image uploaded to Azurite ends as one
/// task file with a prediction (what /predict answers 200 for) or one poison message whose reason says what /predict's
/// 422 says, never a crash, a lost upload or a process over its memory bound.
/// </summary>
public sealed class HostileUploadTests(Azurite azurite) : IClassFixture<Azurite>, IAsyncLifetime
{
    private const long Project = 9;

    private readonly string _root = Directory.CreateTempSubdirectory("prelabel-hostile-uploads-").FullName;
    private readonly BlobContainerClient _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"hostile-{Guid.NewGuid():N}"[..20]);
    private PrelabelProcess _backend = null!;
    private HostileImages _bytes = null!;

    public async Task InitializeAsync()
    {
        _bytes = HostileImages.Make(Path.Combine(_root, "images"));
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.9f, 0.1f], 1, 2).Save(Path.Combine(_root, "pets.onnx"));
        await _images.CreateIfNotExistsAsync();
        _backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _root,
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"{_images.Name}={Project}",
            ["IMPORT_SINK"] = "files",
            ["MAX_IMAGE_PIXELS"] = HostileImages.MaxImagePixels.ToString(),
            ["IMPORT_LABEL_CONFIG"] = HostileCase.Pets,
            ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{_images.Name}",
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Every_hostile_image_upload_ends_as_one_task_file_or_one_poison_message_with_the_reason()
    {
        var cases = HostileImages.Cases;
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
            await _images.GetBlobClient($"in/{c.Name}.png").UploadAsync(new BinaryData(_bytes[c.Name]),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } }, ct));

        var poison = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("image-events-poison");
        var reasons = new Dictionary<string, string>();
        var tasks = new Dictionary<string, JsonNode>();
        for (var deadline = DateTime.UtcNow.AddMinutes(4); tasks.Count + reasons.Count < cases.Length && DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            await foreach (var blob in _images.GetBlobsAsync(BlobTraits.None, BlobStates.None, "tasks/", default))
                if (!tasks.ContainsKey(Case(blob.Name)))
                    tasks[Case(blob.Name)] = JsonNode.Parse((await _images.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString())!;
            if (!(await poison.ExistsAsync()).Value) continue;
            foreach (var message in (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value)
            {
                var body = JsonNode.Parse(message.MessageText)!;
                reasons[Case((string)body["blob"]!)] = (string)body["reason"]!;
            }
        }

        Assert.Empty(tasks.Keys.Intersect(reasons.Keys));
        Assert.All(cases, c =>
        {
            if (c.Status == 200)
            {
                Assert.True(tasks.TryGetValue(c.Name, out var task), $"{c.Name}: no task file{(reasons.TryGetValue(c.Name, out var r) ? $", poisoned: {r}" : "")}\n{_backend.Output}");
                Assert.Equal("Cat", (string?)task!["predictions"]![0]!["result"]![0]!["value"]!["choices"]![0]);
                return;
            }
            Assert.True(reasons.TryGetValue(c.Name, out var reason), $"{c.Name}: no poison message{(tasks.ContainsKey(c.Name) ? ", but a task file" : "")}\n{_backend.Output}");
            foreach (var word in c.Reason)
                Assert.True(reason!.Contains(word, StringComparison.OrdinalIgnoreCase), $"{c.Name}: the reason does not say \"{word}\": {reason}");
        });
        Assert.DoesNotContain("Unhandled", _backend.Output);
        var status = File.ReadLines($"/proc/{_backend.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Assert.True(long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) <= 1024 * 1024, status);
    }

    /// <summary>"tasks/9/container/in/png-rgba.png.json" or "container/in/png-rgba.png" → "png-rgba".</summary>
    private static string Case(string path) => Path.GetFileName(path).Replace(".json", "").Replace(".png", "");
}
