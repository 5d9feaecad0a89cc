using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Prelabel.Functions.TestHost;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The isolated worker (functions/Prelabel.Functions, as built) under a test host that speaks the Functions worker
/// protocol: HTTP functions reached the way the host forwards them, the blob trigger invoked with the ModelBindingData the
/// host sends for a BlobClient against a blob in Azurite, the queue door with an Event Grid message.
/// </summary>
public sealed class IsolatedWorkerTests(Azurite azurite) : IClassFixture<Azurite>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-isolated-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private FunctionsTestHost _host = null!;
    private BlobContainerClient _images = null!;
    private readonly string _prefix = $"run{Guid.NewGuid():N}"[..12];

    public async Task InitializeAsync()
    {
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(1, "Receipts", OcrPredictionTests.Config);
        // The blob trigger's container is fixed in the function ("images"); each run writes under its own prefix.
        _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("images");
        await _images.CreateIfNotExistsAsync();
        _host = await StartWorkerAsync();
    }

    /// <summary>The worker against this test's Label Studio, Azurite and prefix, with <paramref name="extra"/> settings on top.</summary>
    private Task<FunctionsTestHost> StartWorkerAsync(params (string Name, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"images/{_prefix}/=1",
            ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{_prefix}",
            ["IMPORT_RETRY_SECONDS"] = "1",
        };
        foreach (var (name, value) in extra) settings[name] = value;
        return FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_worker_loads_every_function_it_declares()
    {
        Assert.Equal(["backfill", "health", "imageEvents", "imageUploaded", "index", "metrics", "predict", "setup", "versions", "webhook"], _host.Functions.Select(f => f.Name).Order());

        // Label Studio asks "/" as often as /health.
        foreach (var path in new[] { "", "health" })
        {
            var health = await _host.Http.GetAsync(path);
            var body = JsonNode.Parse(await health.Content.ReadAsStringAsync());
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"/{path}: {health.StatusCode} {body}\n{_host.Output}");
            Assert.Equal("UP", (string?)body!["status"]);
        }
    }

    [Fact]
    public async Task Predict_through_the_worker_reads_the_text_and_keeps_the_server_timing()
    {
        var image = TextImage.Draw(_folder, "receipt.png", 700, 160, 56, ("Worker 2026", 40, 100));
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 3, ["data"] = new JsonObject { ["image"] = _labelStudio.AddUpload(1, "receipt.png", image.Bytes) } }),
            ["label_config"] = OcrPredictionTests.Config,
        };

        var response = await _host.Http.PostAsync("predict", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {body}\n{_host.Output}");
        var texts = body!["results"]![0]!["result"]!.AsArray().Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]);
        Assert.Equal(["Worker 2026"], texts);
        Assert.Contains("total;dur=", string.Join(",", response.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task Setup_versions_metrics_and_webhook_answer_as_the_contract_says()
    {
        var setup = await _host.Http.PostAsync("setup", Json(new JsonObject { ["project"] = "1.1746612998", ["schema"] = OcrPredictionTests.Config }));
        var version = (string?)JsonNode.Parse(await setup.Content.ReadAsStringAsync())!["model_version"];
        Assert.True(setup.StatusCode == HttpStatusCode.OK && version is { Length: > 0 }, $"{setup.StatusCode} {version}\n{_host.Output}");

        var versions = JsonNode.Parse(await _host.Http.GetStringAsync("versions"))!;
        Assert.NotEmpty(versions["versions"]!.AsArray());
        Assert.Equal("{}", (await _host.Http.GetStringAsync("metrics")).Trim());

        var webhook = await _host.Http.PostAsync("webhook", Json(new JsonObject { ["action"] = "PROJECT_UPDATED", ["project"] = new JsonObject { ["id"] = 1 } }));
        Assert.True((int)webhook.StatusCode is >= 200 and < 300, $"{webhook.StatusCode} {await webhook.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_with_a_reason_not_a_crash()
    {
        var response = await _host.Http.PostAsync("predict", new StringContent("{tasks: oops", Encoding.UTF8, "application/json"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (int)body["status"]!);
        Assert.Contains("not valid JSON", (string?)body["detail"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_cap_is_a_413_with_a_reason_whether_declared_or_chunked(bool chunked)
    {
        // The default cap, 16 MiB, and a little more: the worker refuses it from Content-Length or while reading.
        var body = Encoding.UTF8.GetBytes($"{{\"tasks\": [], \"pad\": \"{new string('x', 16 * 1024 * 1024 + 10)}\"}}");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await _host.Http.SendAsync(request);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MAX_REQUEST_BYTES", (string?)answer["detail"]);
    }

    [Fact]
    public async Task Backfill_needs_the_function_key_and_then_enqueues_the_routed_blobs()
    {
        await UploadAsync($"{_prefix}/a.png", "A");

        var refused = await _host.Http.PostAsync("backfill", Json(new JsonObject { ["container"] = "images", ["prefix"] = _prefix + "/" }));
        var accepted = await _host.Http.PostAsync($"backfill?code={_host.FunctionKey}", Json(new JsonObject { ["container"] = "images", ["prefix"] = _prefix + "/" }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var body = JsonNode.Parse(await accepted.Content.ReadAsStringAsync());
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, $"{accepted.StatusCode} {body}\n{_host.Output}");
        Assert.Equal(1, (int)body!["enqueued"]!);
    }

    [Fact]
    public async Task The_blob_trigger_fired_twice_for_one_upload_makes_one_task_with_its_prediction()
    {
        var name = $"{_prefix}/cam1/receipt.png";
        await UploadAsync(name, "Blob 2026");

        var first = await _host.InvokeBlobAsync("imageUploaded", "images", name);
        var second = await _host.InvokeBlobAsync("imageUploaded", "images", name);

        Assert.True(first.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{first.Result.Exception?.Message}\n{_host.Output}");
        Assert.Equal(Functions.TestHost.Rpc.StatusResult.Types.Status.Success, second.Result.Status);
        var task = Assert.Single(await TasksAsync());
        Assert.Equal($"azure-blob://images/{name}", (string?)task!["data"]!["image"]);
        var texts = task["predictions"]![0]!["result"]!.AsArray().Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]);
        Assert.Equal(["Blob 2026"], texts);
    }

    [Fact]
    public async Task An_upload_label_studio_refuses_is_handed_from_the_blob_trigger_to_the_queue_door_which_imports_it_later()
    {
        var name = $"{_prefix}/later.png";
        var blob = await UploadAsync(name, "Later 2026");
        // An import is never repeated within a delivery (it may have taken effect), so one failure fails the delivery.
        _labelStudio.Faults.FailNext("/api/projects/1/import", 1, 503);

        var refused = await _host.InvokeBlobAsync("imageUploaded", "images", name);

        // The invocation succeeds, so the blob extension neither retries it nor poisons it without a reason.
        Assert.True(refused.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{refused.Result.Exception?.Message}\n{_host.Output}");
        Assert.Matches("^Retry: .*503.*; handed to image-events, due in", _host.LogsOf(refused).Last());
        Assert.Empty(await TasksAsync());
        var handed = await HandedOverAsync(blob.Uri);
        Assert.Equal(1, handed.DequeueCount);

        var later = await _host.InvokeQueueAsync("imageEvents", handed.MessageText, handed.DequeueCount);

        Assert.True(later.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{later.Result.Exception?.Message}\n{_host.Output}");
        var task = Assert.Single(await TasksAsync());
        Assert.Equal($"azure-blob://images/{name}", (string?)task!["data"]!["image"]);
        Assert.NotEmpty(task["predictions"]!.AsArray());
    }

    [Fact]
    public async Task An_upload_meeting_full_prediction_slots_waits_in_the_queue_without_counting_towards_poison()
    {
        await using var full = await StartWorkerAsync(("INFERENCE_CONCURRENCY", "1"), ("INFERENCE_QUEUE", "0"));
        var name = $"{_prefix}/crowded.png";
        var blob = await UploadAsync(name, "Crowded 2026");
        // A /predict whose image download hangs holds the one slot.
        const string held = "/data/upload/1/held.png";
        _labelStudio.AddUpload(1, "held.png", TextImage.Draw(_folder, "held.png", 300, 80, 40, ("Held", 20, 60)).Bytes);
        _labelStudio.Faults.Delay(held, TimeSpan.FromMinutes(5));
        using var holder = new CancellationTokenSource();
        var holding = full.Http.PostAsync("predict", Json(new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 9, ["data"] = new JsonObject { ["image"] = held } }),
            ["label_config"] = OcrPredictionTests.Config,
        }), holder.Token);
        for (var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2); _labelStudio.Requests.Count(held) == 0; await Task.Delay(50))
            Assert.True(DateTime.UtcNow < deadline, $"the held download never started\n{full.Output}");

        var crowded = await full.InvokeBlobAsync("imageUploaded", "images", name);

        Assert.True(crowded.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{crowded.Result.Exception?.Message}\n{full.Output}");
        Assert.Matches("^Busy: .*INFERENCE_CONCURRENCY", full.LogsOf(crowded).Last());
        var waiting = await HandedOverAsync(blob.Uri);
        Assert.Equal(1, waiting.DequeueCount);
        await holder.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);

        // Once the slot is back (the worker notices the held caller gone), the queue door imports it.
        for (var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2); (await TasksAsync()).Count == 0; await Task.Delay(200))
        {
            var later = await full.InvokeQueueAsync("imageEvents", waiting.MessageText, waiting.DequeueCount);
            Assert.True(later.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success && DateTime.UtcNow < deadline, $"{later.Result.Exception?.Message}\n{full.Output}");
        }
        var task = Assert.Single(await TasksAsync());
        Assert.Equal($"azure-blob://images/{name}", (string?)task!["data"]!["image"]);
    }

    [Fact]
    public async Task The_queue_door_imports_an_event_grid_message_for_the_same_blob_only_once()
    {
        var name = $"{_prefix}/queued.png";
        var blob = await UploadAsync(name, "Queue 2026");
        var message = Importer.BlobCreatedEvent.Create(blob.Uri, "image/png", null, null).ToJsonString();

        var viaQueue = await _host.InvokeQueueAsync("imageEvents", message);
        var viaBlob = await _host.InvokeBlobAsync("imageUploaded", "images", name);

        Assert.True(viaQueue.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success, $"{viaQueue.Result.Exception?.Message}\n{_host.Output}");
        Assert.Equal(Functions.TestHost.Rpc.StatusResult.Types.Status.Success, viaBlob.Result.Status);
        Assert.Single(await TasksAsync());
    }

    private async Task<BlobClient> UploadAsync(string name, string text)
    {
        var image = TextImage.Draw(_folder, Guid.NewGuid().ToString("N") + ".png", 700, 160, 56, (text, 40, 100));
        var blob = _images.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(image.Bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        return blob;
    }

    /// <summary>The image-events message for <paramref name="blob"/>, received once it is due (others are left to come back).</summary>
    private async Task<Azure.Storage.Queues.Models.QueueMessage> HandedOverAsync(Uri blob)
    {
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, "image-events");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
            {
                var created = Importer.BlobCreatedEvent.Parse(message.MessageText, out _);
                if (created?.Url == blob)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    return message;
                }
            }
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Nothing for {blob} reached image-events.\n{_host.Output}");
            await Task.Delay(200);
        }
    }

    private async Task<JsonArray> TasksAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_labelStudio.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _labelStudio.LegacyToken);
        return JsonNode.Parse(await http.GetStringAsync("/api/tasks/?project=1&fields=all"))!["tasks"]!.AsArray();
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
