using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.TestServer;

namespace Prelabel.Host.Tests;

/// <summary>
/// The local server with one prediction slot and no queue (INFERENCE_CONCURRENCY=1, INFERENCE_QUEUE=0): a /predict held
/// in its image download keeps the slot, the next one is refused at once with a JSON reason and Retry-After, /health
/// is not behind it, and the slot comes back when the held caller goes away.
/// </summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private const string Held = "/data/upload/1/held.png";
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-admission-").FullName;
    private readonly LabelStudioTestServer _labelStudio = new();
    private PrelabelProcess _backend = null!;

    public async Task InitializeAsync()
    {
        await _labelStudio.StartAsync();
        _labelStudio.AddProject(1, "Receipts", OcrPredictionTests.Config);
        var image = TextImage.Draw(_folder, "receipt.png", 700, 160, 56, ("Admitted 2026", 40, 100)).Bytes;
        _labelStudio.AddUpload(1, "held.png", image);
        _labelStudio.AddUpload(1, "free.png", image);
        _backend = await PrelabelProcess.StartAsync(new Dictionary<string, string>
        {
            ["LABEL_STUDIO_URL"] = _labelStudio.BaseUrl,
            ["LABEL_STUDIO_API_KEY"] = _labelStudio.LegacyToken,
            ["INFERENCE_CONCURRENCY"] = "1",
            ["INFERENCE_QUEUE"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_prediction_past_the_slots_is_refused_at_once_with_retry_after_while_health_answers_and_the_slot_comes_back()
    {
        _labelStudio.Faults.Delay(Held, TimeSpan.FromMinutes(5));
        using var holder = new CancellationTokenSource();
        var held = _backend.Http.PostAsync("/predict", Predict(Held), holder.Token);
        await WaitForAsync(() => _labelStudio.Requests.Count(Held) > 0, "the held download to start");

        using var refused = await _backend.Http.PostAsync("/predict", Predict("/data/upload/1/free.png"));
        using var health = await _backend.Http.GetAsync("/health");

        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode} {body}\n{_backend.Output}");
        Assert.Equal(503, (int)body["status"]!);
        Assert.Contains("busy", (string?)body["detail"]);
        Assert.Contains("INFERENCE_CONCURRENCY", (string?)body["detail"]);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.False(held.IsCompleted, "refused while the held one still runs, not after it");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await holder.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        var texts = await PredictOnceFreeAsync("/data/upload/1/free.png");
        Assert.Equal(["Admitted 2026"], texts);
    }

    /// <summary>The slot comes back once the server sees the held caller gone; until then the answer is a 503.</summary>
    private async Task<IEnumerable<string?>> PredictOnceFreeAsync(string image)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            using var response = await _backend.Http.PostAsync("/predict", Predict(image));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.StatusCode == HttpStatusCode.OK)
                return body["results"]![0]!["result"]!.AsArray().Where(r => (string?)r!["type"] == "textarea").Select(r => (string?)r!["value"]!["text"]![0]);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"{response.StatusCode} {body}\n{_backend.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static StringContent Predict(string image) => new(new JsonObject
    {
        ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = image } }),
        ["label_config"] = OcrPredictionTests.Config,
    }.ToJsonString(), Encoding.UTF8, "application/json");
}
