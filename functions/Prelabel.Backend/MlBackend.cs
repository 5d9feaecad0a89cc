using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Prelabel.Imaging;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

/// <summary>The Label Studio ML backend use cases: setup, predict, webhook. Knows nothing of HTTP.</summary>
public sealed class MlBackend(ITextReader reader, ITaskMedia media, BackendOptions options, ILogger<MlBackend> logger)
{
    /// <summary>Label Studio sends these when annotations change or "Start Training" is pressed (upstream's names and LS's real plural).</summary>
    private static readonly HashSet<string> TrainingEvents =
        ["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_DELETED", "ANNOTATIONS_CREATED", "ANNOTATIONS_DELETED", "START_TRAINING"];

    // Configs repeat on every call of a project; parse each distinct text once.
    private readonly ConcurrentDictionary<string, LabelingConfig> _configs = new();
    private readonly ConcurrentDictionary<long, string> _projectConfigs = new();

    public string ModelClass => "PaddleOcr";

    public string ModelVersion => reader.ModelVersion;

    /// <summary>/setup: remembers the project's config for predict calls that omit it, and answers the model version.</summary>
    public string Setup(string? project, string? schema)
    {
        if (ProjectReference.IdOf(project) is { } id && !string.IsNullOrWhiteSpace(schema))
            _projectConfigs[id] = schema;
        return ModelVersion;
    }

    public async Task<PredictOutcome> PredictAsync(PredictRequest request, CancellationToken cancellationToken = default)
    {
        var configText = request.LabelConfig
            ?? (ProjectReference.IdOf(request.Project) is { } id ? _projectConfigs.GetValueOrDefault(id) : null)
            ?? throw BackendException.BadRequest("The /predict body has no \"label_config\" and no /setup was seen for its project.");
        var plans = OcrControls.For(Config(configText), options.ModelScoreThreshold);

        var entries = new (Prediction? Prediction, BackendException? Error, PredictTimings Timings)[request.Tasks.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Tasks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.PredictParallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    entries[i] = await PredictTaskAsync(request.Tasks[i], plans, ct);
                }
                catch (BackendException e)
                {
                    logger.LogWarning("Task {TaskId} not predicted: {Reason}", PredictRequest.TaskId(request.Tasks[i]), e.Message);
                    entries[i] = (null, e, PredictTimings.Zero);
                }
            });

        // One task (interactive calls, the labeling stream) or a batch where nothing worked: the reason is the answer.
        var failed = entries.Where(e => e.Error is not null).Select(e => e.Error!).ToArray();
        if (failed.Length > 0 && failed.Length == entries.Length)
            throw failed.Length == 1 ? failed[0] : new BackendException(failed[0].Status, $"None of the {failed.Length} tasks could be predicted. First reason: {failed[0].Message}");

        var response = new ModelResponse();
        var timings = PredictTimings.Zero;
        foreach (var (prediction, error, t) in entries)
        {
            if (error is not null) response.AddFailure(error.Message);
            else response.Add(prediction!);
            timings = timings.Add(t);
        }
        return new PredictOutcome(response.WithModelVersion(ModelVersion), timings);
    }

    /// <summary>/webhook: training events are acknowledged at once (Label Studio waits one second); the OCR model has nothing to learn.</summary>
    public WebhookOutcome Webhook(JsonNode? body)
    {
        var action = body?["action"] is JsonValue v && v.TryGetValue<string>(out var a) ? a : null;
        if (action is null || !TrainingEvents.Contains(action))
            return new WebhookOutcome(200, new JsonObject { ["status"] = "Unknown event" });
        logger.LogInformation("Training event {Action} for project {Project}", action, PredictRequest.Text(body?["project"]?["id"]));
        return new WebhookOutcome(201, new JsonObject
        {
            ["status"] = "ok",
            ["result"] = new JsonObject { ["model_version"] = ModelVersion, ["trained"] = false, ["reason"] = "the built-in OCR model does not learn from annotations" },
        });
    }

    private async Task<(Prediction?, BackendException?, PredictTimings)> PredictTaskAsync(JsonObject task, IReadOnlyList<OcrControls> plans, CancellationToken ct)
    {
        var taskId = PredictRequest.TaskId(task);
        var results = new List<JsonObject>();
        var scores = new List<double>();
        var timings = PredictTimings.Zero;
        foreach (var plan in plans)
        {
            var uri = LabelingConfig.ResolveDataValue(task["data"] as JsonObject, plan.Image);
            if (string.IsNullOrWhiteSpace(uri))
                throw BackendException.BadRequest(MissingDataKey(task, plan.Image));
            var clock = Stopwatch.StartNew();
            var bytes = await media.DownloadAsync(uri, taskId, ct);
            var fetch = clock.Elapsed.TotalMilliseconds;
            var page = Read(bytes, uri, ct);
            var prediction = plan.ToPrediction(page);
            results.AddRange(prediction.Result);
            if (prediction.Result.Count > 0) scores.Add(prediction.Score);
            timings = timings.Add(fetch, page.Timings);
        }
        return (new Prediction(results, scores.Count > 0 ? scores.Average() : 0), null, timings);
    }

    private TextPage Read(byte[] bytes, string uri, CancellationToken ct)
    {
        try
        {
            return reader.Read(bytes, ct);
        }
        catch (ImageDecodeException e)
        {
            throw new BackendException(422, $"The image at {uri} could not be read: {e.Message}", e);
        }
    }

    private static string MissingDataKey(JsonObject task, ObjectTag image)
    {
        var keys = (task["data"] as JsonObject)?.Select(p => p.Key).ToArray() ?? [];
        return $"Task {PredictRequest.TaskId(task)?.ToString() ?? "(no id)"} has no \"{image.DataKey}\" in its data, which <{image.Type} name=\"{image.Name}\" value=\"{image.Value}\"> reads. " +
               (keys.Length > 0 ? $"Its data keys are: {string.Join(", ", keys)}." : "Its data is empty.");
    }

    private LabelingConfig Config(string text)
    {
        if (_configs.TryGetValue(text, out var config)) return config;
        try
        {
            config = LabelingConfig.Parse(text);
        }
        catch (LabelingConfigException e)
        {
            throw BackendException.BadRequest(e.Message);
        }
        if (_configs.Count > 256) _configs.Clear();
        return _configs[text] = config;
    }
}
