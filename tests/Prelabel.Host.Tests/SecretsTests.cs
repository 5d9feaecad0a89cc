using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Prelabel.Functions.TestHost;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The worker given a Label Studio token, a basic-auth password and a storage connection string with its account key,
/// driven through every route (answers that work and answers that fail) and through uploads that become tasks or
/// poison messages: none of the three appears in what it prints, in any answer, or in a poison message.
/// </summary>
public sealed class SecretsTests(Azurite azurite) : IClassFixture<Azurite>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-secrets-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private readonly string _password = $"pw-{Guid.NewGuid():N}";
    private readonly string _prefix = $"sec{Guid.NewGuid():N}"[..12];
    private readonly List<string> _answers = [];
    private FunctionsTestHost _host = null!;
    private BlobContainerClient _images = null!;

    public async Task InitializeAsync()
    {
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(1, "Receipts", OcrPredictionTests.Config);
        _images = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("images");
        await _images.CreateIfNotExistsAsync();
        _host = await FunctionsTestHost.StartAsync(IsolatedWorker.AppDirectory(), new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
            ["BASIC_AUTH_USER"] = "ls",
            ["BASIC_AUTH_PASS"] = _password,
            ["IMAGES"] = azurite.ConnectionString,
            ["IMPORT_ROUTES"] = $"images/{_prefix}/ok/=1, images/{_prefix}/gone/=404",
            ["IMPORT_LEDGER_CONTAINER"] = $"ledger-{_prefix}",
            ["LOG_LEVEL"] = "DEBUG",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task No_token_password_or_account_key_leaves_the_worker_through_logs_answers_or_poison_messages()
    {
        var image = TextImage.Draw(_folder, "receipt.png", 700, 160, 56, ("Secret 2026", 40, 100)).Bytes;
        var upload = _labelStudio.AddUpload(1, "receipt.png", image);
        string Predict(string image, string config = OcrPredictionTests.Config) => new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = image } }),
            ["label_config"] = config,
        }.ToJsonString();

        await Expect(HttpStatusCode.OK, HttpMethod.Get, "");
        await Expect(HttpStatusCode.OK, HttpMethod.Get, "health");
        await Expect(HttpStatusCode.OK, HttpMethod.Get, "versions");
        await Expect(HttpStatusCode.OK, HttpMethod.Get, "metrics");
        await Expect(HttpStatusCode.Unauthorized, HttpMethod.Get, "health", authorized: false);
        await Expect(HttpStatusCode.Unauthorized, HttpMethod.Post, "predict", Predict(upload), authorization: "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ls:{_password}x")));
        await Expect(HttpStatusCode.OK, HttpMethod.Post, "setup", new JsonObject { ["project"] = "1.1", ["schema"] = OcrPredictionTests.Config }.ToJsonString());
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, "setup", "{not json");
        await Expect(HttpStatusCode.OK, HttpMethod.Post, "predict", Predict(upload));
        await Expect(HttpStatusCode.BadRequest, HttpMethod.Post, "predict", "{\"tasks\": oops");
        await Expect(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "predict", Predict(upload, "<View><Image name=\"image\" value=\"$image\"/><Rating name=\"r\" toName=\"image\"/></View>"));
        await Expect(HttpStatusCode.BadGateway, HttpMethod.Post, "predict", Predict("/data/upload/1/missing.png"));
        await Expect(HttpStatusCode.BadGateway, HttpMethod.Post, "predict", Predict("http://169.254.169.254/metadata/instance?api-version=2021-02-01"));
        await Expect(HttpStatusCode.OK, HttpMethod.Post, "webhook", new JsonObject { ["action"] = "PROJECT_UPDATED" }.ToJsonString());
        await Expect(HttpStatusCode.Unauthorized, HttpMethod.Post, "backfill", new JsonObject { ["container"] = "images" }.ToJsonString());
        await Expect(HttpStatusCode.OK, HttpMethod.Post, $"backfill?code={_host.FunctionKey}", new JsonObject { ["container"] = "images", ["prefix"] = $"{_prefix}/" }.ToJsonString());
        await Expect(HttpStatusCode.NotFound, HttpMethod.Post, $"backfill?code={_host.FunctionKey}", new JsonObject { ["container"] = "no-such-container" }.ToJsonString());

        // Uploads: one task, one poisoned at once (no such project), one undecodable, one Label Studio refuses for now.
        await UploadAsync($"{_prefix}/ok/receipt.png", image);
        await UploadAsync($"{_prefix}/gone/receipt.png", image);
        await UploadAsync($"{_prefix}/ok/broken.png", "not a PNG"u8.ToArray());
        await UploadAsync($"{_prefix}/ok/later.png", image);
        foreach (var name in new[] { "ok/receipt.png", "gone/receipt.png", "ok/broken.png" })
            Assert.Equal(Functions.TestHost.Rpc.StatusResult.Types.Status.Success, (await _host.InvokeBlobAsync("imageUploaded", "images", $"{_prefix}/{name}")).Result.Status);
        _labelStudio.Faults.FailNext("/api/projects/1/import", 2, 500);
        await _host.InvokeBlobAsync("imageUploaded", "images", $"{_prefix}/ok/later.png");
        var retried = await _host.InvokeQueueAsync("imageEvents", Importer.BlobCreatedEvent.Create(_images.GetBlobClient($"{_prefix}/ok/later.png").Uri, "image/png", null, null).ToJsonString(), dequeueCount: 5);

        var poison = (await new QueueClient(azurite.ConnectionString, "image-events-poison").PeekMessagesAsync(32)).Value
            .Select(m => m.MessageText).Where(m => m.Contains(_prefix)).ToList();
        Assert.True(poison.Count >= 3, $"the missing project, the broken image and the refused import are poisoned: {string.Join("\n", poison)}\n{_host.Output}");
        Assert.Single(_labelStudio.TasksOf(1), t => t.Data.ToJsonString().Contains(_prefix));
        Assert.Equal(Functions.TestHost.Rpc.StatusResult.Types.Status.Success, retried.Result.Status);

        var accountKey = azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        var secrets = new Dictionary<string, string>
        {
            ["the Label Studio token"] = _labelStudio.LegacyToken,
            ["the basic-auth password"] = _password,
            ["the basic-auth header"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"ls:{_password}")),
            ["the storage account key"] = accountKey,
        };
        var places = new Dictionary<string, string>
        {
            ["the worker's output"] = _host.Output,
            ["an answer"] = string.Join("\n", _answers),
            ["a poison message"] = string.Join("\n", poison),
        };
        Assert.Equal([], from secret in secrets from place in places where place.Value.Contains(secret.Value) select $"{secret.Key} is in {place.Key}");
        // What was searched holds what it should: the answers, the worker's own lines and the poison reasons.
        Assert.Contains("Secret 2026", places["an answer"]);
        Assert.Contains("Still failing after 5 deliveries", places["a poison message"]);
        Assert.Contains($"{_prefix}/ok/receipt.png", places["the worker's output"]);
    }

    private async Task Expect(HttpStatusCode status, HttpMethod method, string path, string? body = null, bool authorized = true, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        authorization ??= authorized ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ls:{_password}")) : null;
        if (authorization is not null) request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        using var response = await _host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _answers.Add($"{method} /{path}: {(int)response.StatusCode} {string.Join("; ", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))} {text}");
        Assert.True(response.StatusCode == status, $"{method} /{path}: {response.StatusCode}, expected {status}: {text}\n{_host.Output}");
    }

    private Task UploadAsync(string name, byte[] bytes) =>
        _images.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
}
