using System.Net;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;
using Azure.Storage.Blobs;

namespace Prelabel.Host.Tests;

/// <summary>
/// Models from a blob container (MODELS_CONTAINER) in real Azurite: copied into MODEL_DIR before the first prediction,
/// and copied again when the blob's ETag changes, which changes model_version and the predictions.
/// </summary>
public sealed class ModelContainerTests : IClassFixture<Azurite>, IAsyncLifetime
{
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
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-model-container-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly BlobContainerClient _models;

    public ModelContainerTests(Azurite azurite)
    {
        _azurite = azurite;
        _models = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"models-{Guid.NewGuid():N}");
    }

    public async Task InitializeAsync()
    {
        await _models.CreateIfNotExistsAsync();
        await _labelStudio.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Pets(params float[] probabilities) =>
        new YoloOracle("classify", "cat", "dog").Input(224, 224).Output("output0", probabilities, 1, 2).Build();

    [Fact]
    public async Task A_model_is_copied_from_the_container_and_again_when_its_blob_changes()
    {
        await _models.GetBlobClient("pets.onnx").UploadAsync(new BinaryData(Pets(0.2f, 0.8f)));
        var modelDir = Path.Combine(_folder, "models");
        await using var backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["IMAGES"] = _azurite.ConnectionString,
            ["MODELS_CONTAINER"] = _models.Name,
            ["MODEL_REFRESH_SECONDS"] = "1",
            ["MODEL_DIR"] = modelDir,
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
        });

        var (before, version) = await PredictAsync(backend);
        Assert.Equal("Dog", before);
        Assert.StartsWith("pets-", version);
        Assert.True(File.Exists(Path.Combine(modelDir, "pets.onnx")));

        await _models.GetBlobClient("pets.onnx").UploadAsync(new BinaryData(Pets(0.9f, 0.1f)), overwrite: true);
        var (after, changed) = (before, version);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); changed == version && DateTime.UtcNow < deadline; await Task.Delay(200))
            (after, changed) = await PredictAsync(backend);

        Assert.NotEqual(version, changed);
        Assert.Equal("Cat", after);
        Assert.Contains("copied from the models container", backend.Output);
    }

    [Fact]
    public async Task Without_a_storage_connection_the_backend_says_which_setting_is_missing()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PrelabelProcess.StartAsync(new Dictionary<string, string> { ["MODELS_CONTAINER"] = "models" }));

        Assert.Contains("exited with 2", error.Message);
        Assert.Contains("Prelabel cannot start: Storage connection IMAGES is not configured", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    private async Task<(string? Choice, string Version)> PredictAsync(PrelabelProcess backend)
    {
        var image = Path.Combine(_folder, "pet.png");
        if (!File.Exists(image)) ImageMagick.Convert("-size", "64x64", "xc:gray", image);
        var request = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = _labelStudio.AddUpload(1, "pet.png", File.ReadAllBytes(image)) } }),
            ["project"] = "1.1746612998",
            ["label_config"] = Config,
        };
        var (status, body, _) = await backend.Http.PostAsync("/predict", request.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}\n{backend.Output}");
        var prediction = body!["results"]![0]!;
        return ((string?)prediction["result"]![0]?["value"]?["choices"]?[0], (string)prediction["model_version"]!);
    }
}
