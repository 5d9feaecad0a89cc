using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Prelabel.Host.Tests;

/// <summary>
/// IMPORT_SINK=files: no Label Studio token, no API call; each upload becomes one task file under tasks/ for a
/// Label Studio Azure source storage to sync, written once however often the event comes.
/// </summary>
public sealed class TaskFileSinkTests : IClassFixture<Azurite>, IAsyncLifetime
{
    private const string Config = """
        <View>
          <Image name="scan" value="$scan"/>
          <Choices name="pet" toName="scan" model_path="pets.onnx" choice="single">
            <Choice value="Cat"/>
            <Choice value="Dog"/>
          </Choices>
        </View>
        """;

    private readonly Azurite _azurite;
    private readonly string _models = Directory.CreateTempSubdirectory("prelabel-task-files-").FullName;
    private readonly BlobContainerClient _images;
    private Functions.TestHost.FunctionsTestHost _backend = null!;

    public TaskFileSinkTests(Azurite azurite)
    {
        _azurite = azurite;
        _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"scans-{Guid.NewGuid():N}"[..20]);
    }

    public async Task InitializeAsync()
    {
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", [0.3f, 0.7f], 1, 2).Save(Path.Combine(_models, "pets.onnx"));
        File.WriteAllText(Path.Combine(_models, "config.xml"), Config);
        await _images.CreateIfNotExistsAsync();
        _backend = await Functions.TestHost.FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), new Dictionary<string, string>
        {
            ["MODEL_DIR"] = _models,
            ["IMAGES"] = _azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"{_images.Name}=7",
            ["IMPORT_SINK"] = "files",
            ["IMPORT_LABEL_CONFIG"] = Path.Combine(_models, "config.xml"),
            ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{_images.Name}",
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task An_upload_becomes_one_task_file_with_its_prediction_and_a_repeat_changes_nothing()
    {
        var image = Path.Combine(_models, "cat.png");
        ImageMagick.Convert("-size", "80x60", "xc:pink", image);
        var blob = _images.GetBlobClient("inbox/cat.png");
        await blob.UploadAsync(new BinaryData(File.ReadAllBytes(image)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        var message = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Importer.BlobCreatedEvent.Create(new Uri(blob.Uri.GetLeftPart(UriPartial.Path)), "image/png", 100, "0x1").ToJsonString()));

        var first = await InvokeAsync(message);
        var file = _images.GetBlobClient($"tasks/7/{_images.Name}/inbox/cat.png.json");
        var written = await file.GetPropertiesAsync();
        var second = await InvokeAsync(message);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(written.Value.ETag, (await file.GetPropertiesAsync()).Value.ETag);
        var task = JsonNode.Parse((await file.DownloadContentAsync()).Value.Content.ToString())!;
        Assert.Equal($"azure-blob://{_images.Name}/inbox/cat.png", (string?)task["data"]!["scan"]);
        Assert.Equal("Dog", (string?)task["predictions"]![0]!["result"]![0]!["value"]!["choices"]![0]);
        Assert.StartsWith("pets-", (string?)task["predictions"]![0]!["model_version"]);
        Assert.Contains("already written as a task file", _backend.Output);
    }

    private async Task<HttpStatusCode> InvokeAsync(string message)
    {
        var response = await _backend.InvokeQueueAsync("imageEvents", message);
        return response.Result.Status == Functions.TestHost.Rpc.StatusResult.Types.Status.Success ? HttpStatusCode.OK : HttpStatusCode.InternalServerError;
    }
}
