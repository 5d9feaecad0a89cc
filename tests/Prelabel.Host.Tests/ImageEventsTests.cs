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
/// The imageEvents function as the Functions host invokes it: queue messages holding Event Grid BlobCreated events in
/// the host's invocation envelope, real blobs in Azurite, tasks imported into the Label Studio test server. Each blob
/// must end as exactly one task, or as one poison message with a reason.
/// </summary>
public sealed class ImageEventsTests : IClassFixture<Azurite>, IAsyncLifetime
{
    private const long Project = 21;

    private const long DamagedModelProject = 22;

    private const int MaxBytes = 20_000;

    private const string Config = """
        <View>
          <Image name="photo" value="$photo"/>
          <Choices name="pet" toName="photo" model_path="pets.onnx" choice="single">
            <Choice value="Cat"/>
            <Choice value="Dog"/>
          </Choices>
        </View>
        """;

    private readonly Azurite _azurite;
    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-import-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly BlobContainerClient _images;
    private readonly QueueClient _poison;
    private readonly string _ledger = $"ledger-{Guid.NewGuid():N}";
    private FunctionsTestHost _backend = null!;

    public ImageEventsTests(Azurite azurite)
    {
        _azurite = azurite;
        _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"images-{Guid.NewGuid():N}"[..20]);
        _poison = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("image-events-poison");
    }

    public async Task InitializeAsync()
    {
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.2f, 0.8f], 1, 2).Save(Path.Combine(_models, "pets.onnx"));
        var pets = File.ReadAllBytes(Path.Combine(_models, "pets.onnx"));
        File.WriteAllBytes(Path.Combine(_models, "damaged.onnx"), pets[..(pets.Length / 2)]);
        await _images.CreateIfNotExistsAsync();
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(Project, "Pets", Config);
        _labelStudio.AddProject(DamagedModelProject, "Damaged model", Config.Replace("pets.onnx", "damaged.onnx"));
        _backend = await FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["IMAGES"] = _azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"{_images.Name}/pets/={Project}, {_images.Name}/gone/=404, {_images.Name}/damaged/={DamagedModelProject}",
            ["IMPORT_LEDGER_CONTAINER"] = _ledger,
            ["IMPORT_MAX_BYTES"] = $"{MaxBytes}",
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
            ["BASIC_AUTH_USER"] = "ls",
            ["BASIC_AUTH_PASS"] = "secret",
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task An_uploaded_image_becomes_one_task_carrying_its_prediction()
    {
        var blob = await UploadAsync("pets/cam1/0001.png");

        var (status, logs) = await InvokeAsync(EventGridMessage(blob));

        Assert.True(status == HttpStatusCode.OK, $"{status} {logs}\n{_backend.Output}");
        Assert.StartsWith("Imported", logs);
        var task = Assert.Single(await TasksAsync());
        Assert.Equal($"azure-blob://{_images.Name}/pets/cam1/0001.png", (string?)task["data"]!["photo"]);
        Assert.Equal($"{_images.Name}/pets/cam1/0001.png", (string?)task["meta"]!["source_blob"]);
        var prediction = Assert.Single(task["predictions"]!.AsArray())!;
        Assert.Equal(await SetupVersionAsync(), (string?)prediction["model_version"]);
        Assert.Equal("Dog", (string?)prediction["result"]![0]!["value"]!["choices"]![0]);
    }

    [Fact]
    public async Task Duplicate_and_concurrent_deliveries_still_give_one_task()
    {
        var message = EventGridMessage(await UploadAsync("pets/twice.png"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => InvokeAsync(message)));
        for (var delivery = 2; answers.Any(a => a.Status != HttpStatusCode.OK) && delivery < 5; delivery++)
            answers = await Task.WhenAll(answers.Select(a => a.Status == HttpStatusCode.OK ? Task.FromResult(a) : InvokeAsync(message, delivery)));
        var again = await InvokeAsync(message, 2);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.StartsWith("AlreadyImported", again.Logs);
        Assert.Single(await TasksAsync());
    }

    [Fact]
    public async Task A_label_studio_failure_comes_back_and_is_poisoned_with_its_reason_after_the_last_delivery()
    {
        var message = EventGridMessage(await UploadAsync("pets/busy.png"));
        _labelStudio.Faults.FailNext($"/api/projects/{Project}/import", 10, 500);

        var first = await InvokeAsync(message, dequeueCount: 1);
        var last = await InvokeAsync(message, dequeueCount: 5);

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.StartsWith("Retry", first.Logs);
        Assert.Equal(HttpStatusCode.OK, last.Status);
        var poisoned = await PoisonedAsync("pets/busy.png");
        Assert.Contains("Still failing after 5 deliveries", (string?)poisoned["reason"]);
        Assert.Contains("500", (string?)poisoned["reason"]);
        Assert.Empty(await TasksAsync());
    }

    [Fact]
    public async Task A_lost_answer_after_the_task_was_created_does_not_create_a_second_one()
    {
        var message = EventGridMessage(await UploadAsync("pets/dropped.png"));
        _labelStudio.Faults.DropConnectionAfterCommit($"/api/projects/{Project}/import", 1);

        var first = await InvokeAsync(message, dequeueCount: 1);
        var second = await InvokeAsync(message, dequeueCount: 2);

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("found after an unfinished delivery", second.Logs);
        Assert.Single(await TasksAsync());
    }

    [Fact]
    public async Task A_missing_project_is_poisoned_at_once_with_a_reason_a_person_can_act_on()
    {
        var message = EventGridMessage(await UploadAsync("gone/x.png"));

        var answer = await InvokeAsync(message, dequeueCount: 1);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var poisoned = await PoisonedAsync("gone/x.png");
        Assert.Contains("404", (string?)poisoned["reason"]);
        Assert.Contains("project 404", (string?)poisoned["reason"]);
    }

    [Fact]
    public async Task What_is_not_an_image_is_skipped_and_what_has_no_route_or_no_event_is_poisoned()
    {
        var text = await UploadAsync("pets/notes.txt", "text/plain");
        var unrouted = await UploadAsync("other/cat.png");

        var skipped = await InvokeAsync(EventGridMessage(text));
        var noRoute = await InvokeAsync(EventGridMessage(unrouted));
        var garbage = await InvokeAsync("this is not an event");

        Assert.Equal((HttpStatusCode.OK, true), (skipped.Status, skipped.Logs.StartsWith("Skipped")));
        Assert.Equal(HttpStatusCode.OK, noRoute.Status);
        Assert.Contains("IMPORT_ROUTES", (string?)(await PoisonedAsync("other/cat.png"))["reason"]);
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.Empty(await TasksAsync());
    }

    [Fact]
    public async Task An_oversized_or_undecodable_image_is_poisoned_at_once_with_its_reason()
    {
        var tooLarge = _images.GetBlobClient("pets/huge.png");
        await tooLarge.UploadAsync(new BinaryData(new byte[MaxBytes + 1]), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        var broken = _images.GetBlobClient("pets/broken.png");
        await broken.UploadAsync(BinaryData.FromString("not a PNG at all"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });

        var large = await InvokeAsync(EventGridMessage(tooLarge));
        var undecodable = await InvokeAsync(EventGridMessage(broken));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (large.Status, undecodable.Status));
        Assert.Contains($"larger than IMPORT_MAX_BYTES ({MaxBytes} bytes)", (string?)(await PoisonedAsync("pets/huge.png"))["reason"]);
        Assert.Contains("cannot be pre-annotated", (string?)(await PoisonedAsync("pets/broken.png"))["reason"]);
        Assert.Empty(await TasksAsync());
    }

    [Fact]
    public async Task A_tiff_saved_under_a_png_name_is_poisoned_at_once_naming_its_format()
    {
        var file = Path.Combine(_models, Guid.NewGuid().ToString("N") + ".tiff");
        ImageMagick.Convert("-size", "96x64", "xc:orange", "-compress", "zip", file);
        var blob = _images.GetBlobClient("pets/scan.png");
        await blob.UploadAsync(new BinaryData(File.ReadAllBytes(file)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });

        var (status, _) = await InvokeAsync(EventGridMessage(blob));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("unsupported image format (TIFF)", (string?)(await PoisonedAsync("pets/scan.png"))["reason"]);
        Assert.Empty(await TasksAsync());
    }

    [Fact]
    public async Task A_webp_upload_becomes_a_task_carrying_its_prediction()
    {
        var file = Path.Combine(_models, Guid.NewGuid().ToString("N") + ".webp");
        ImageMagick.Convert("-size", "96x64", "xc:orange", file);
        var blob = _images.GetBlobClient("pets/cat.webp");
        await blob.UploadAsync(new BinaryData(File.ReadAllBytes(file)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/webp" } });

        var (status, logs) = await InvokeAsync(EventGridMessage(blob));

        Assert.True(status == HttpStatusCode.OK, $"{status} {logs}\n{_backend.Output}");
        var task = Assert.Single(await TasksAsync());
        Assert.Equal("Dog", (string?)Assert.Single(task["predictions"]!.AsArray())!["result"]![0]!["value"]!["choices"]![0]);
    }

    [Fact]
    public async Task An_upload_for_a_project_whose_model_file_is_truncated_is_poisoned_at_once_naming_the_file()
    {
        var blob = await UploadAsync("damaged/0001.png");

        var (status, _) = await InvokeAsync(EventGridMessage(blob));

        Assert.Equal(HttpStatusCode.OK, status);
        var reason = (string?)(await PoisonedAsync("damaged/0001.png"))["reason"];
        Assert.Contains("damaged.onnx cannot be used", reason);
        Assert.Contains("ONNX Runtime cannot load it", reason);
        Assert.DoesNotContain(_models, reason);
        Assert.Empty(await TasksAsync(DamagedModelProject));
    }

    [Fact]
    public async Task Throttled_storage_is_retried_by_the_sdk_and_then_comes_back_as_a_delivery_to_retry()
    {
        await using var busy = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers["x-ms-error-code"] = "ServerBusy";
            return Task.CompletedTask;
        });
        var endpoint = new Uri(busy.Uri, Azurite.AccountName);
        await using var backend = await FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["IMAGES"] = $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};BlobEndpoint={endpoint};QueueEndpoint={endpoint}",
            ["IMPORT_ROUTES"] = $"{_images.Name}/pets/={Project}",
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        });

        var answer = await InvokeAsync(EventGridMessage(_images.GetBlobClient("pets/throttled.png")), backend: backend);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.StartsWith("Retry: storage answered 503 ServerBusy", answer.Logs);
        Assert.Equal(4, busy.Requests.Count);
        Assert.Empty(await TasksAsync());
    }

    [Fact]
    public async Task A_raw_json_message_is_read_as_well_as_a_base64_one()
    {
        var raw = EventGridEvent(await UploadAsync("pets/raw.png"));
        var encoded = EventGridMessage(await UploadAsync("pets/encoded.png"));

        var first = await InvokeAsync(raw.ToJsonString());
        var second = await InvokeAsync(encoded);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(2, (await TasksAsync()).Count);
    }

    private async Task<BlobClient> UploadAsync(string name, string contentType = "image/png")
    {
        var file = Path.Combine(_models, Guid.NewGuid().ToString("N") + ".png");
        ImageMagick.Convert("-size", "96x64", "xc:orange", file);
        var blob = _images.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(File.ReadAllBytes(file)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } });
        return blob;
    }

    /// <summary>Shaped like the BlobCreated event Azure documents, as Event Grid writes it to a storage queue.</summary>
    private static JsonObject EventGridEvent(BlobClient blob) => JsonNode.Parse($$"""
        {
          "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prelabel/providers/Microsoft.Storage/storageAccounts/prelabelimages",
          "subject": "/blobServices/default/containers/{{blob.BlobContainerName}}/blobs/{{blob.Name}}",
          "eventType": "Microsoft.Storage.BlobCreated",
          "id": "{{Guid.NewGuid()}}",
          "data": {
            "api": "PutBlob",
            "clientRequestId": "6d79dbfb-0e37-4fc4-981f-442c9ca89e1b",
            "requestId": "831e1650-001e-001b-66ab-eeb76e000000",
            "eTag": "0x8D4BCC2E4835CD0",
            "contentType": "{{(blob.Name.EndsWith(".txt") ? "text/plain" : "image/png")}}",
            "contentLength": 524288,
            "blobType": "BlockBlob",
            "url": "{{blob.Uri}}",
            "sequencer": "00000000000004420000000000028963",
            "storageDiagnostics": { "batchId": "b68529f3-68cd-4744-baa4-3c0498ec19f0" }
          },
          "dataVersion": "",
          "metadataVersion": "1",
          "eventTime": "2026-11-22T00:00:00.0000000Z"
        }
        """)!.AsObject();

    private static string EventGridMessage(BlobClient blob) => Convert.ToBase64String(Encoding.UTF8.GetBytes(EventGridEvent(blob).ToJsonString()));

    /// <summary>
    /// One delivery of the queue message to the imageEvents function, as the queue extension makes it: OK when the
    /// invocation succeeded (the message is done), 500 when it threw (the extension brings it back); with the
    /// function's log line, or the exception's message.
    /// </summary>
    private async Task<(HttpStatusCode Status, string Logs)> InvokeAsync(string message, long dequeueCount = 1, FunctionsTestHost? backend = null)
    {
        var host = backend ?? _backend;
        var response = await host.InvokeQueueAsync("imageEvents", message, dequeueCount);
        return response.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success
            ? (HttpStatusCode.OK, host.LogsOf(response).LastOrDefault() ?? "") // the function's outcome line comes last
            : (HttpStatusCode.InternalServerError, response.Result.Exception?.Message ?? "");
    }

    private async Task<string> SetupVersionAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "setup")
        {
            Content = new StringContent(new JsonObject { ["project"] = $"{Project}.1", ["schema"] = Config }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ls:secret"u8.ToArray()));
        using var response = await _backend.Http.SendAsync(request);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["model_version"]!;
    }

    /// <summary>The project's tasks through Label Studio's own API, as a user would look them up.</summary>
    private async Task<IReadOnlyList<JsonObject>> TasksAsync(long project = Project)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_labelStudio.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _labelStudio.LegacyToken);
        var body = JsonNode.Parse(await http.GetStringAsync($"/api/tasks/?project={project}&fields=all&page_size=100"))!;
        return [.. body["tasks"]!.AsArray().Select(t => t!.AsObject()).Where(t => ((string?)t["meta"]?["source_blob"])?.StartsWith(_images.Name) == true)];
    }

    private async Task<JsonObject> PoisonedAsync(string blobName)
    {
        foreach (var message in (await _poison.PeekMessagesAsync(32)).Value)
        {
            var poisoned = JsonNode.Parse(message.MessageText)!.AsObject();
            if ((string?)poisoned["blob"] == $"{_images.Name}/{blobName}") return poisoned;
        }
        throw new Xunit.Sdk.XunitException($"No poison message for {blobName}.\n{_backend.Output}");
    }
}
