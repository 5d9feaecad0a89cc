using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Prelabel.Imaging;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;
using Prelabel.Onnx;

namespace Prelabel.Backend;

/// <summary>The Label Studio ML backend use cases: setup, predict, webhook. Knows nothing of HTTP.</summary>
public sealed class MlBackend(ITextReader reader, ControlPlanner planner, InteractiveAnnotation interactive, EmbeddingTrainer trainer, ITaskMedia media, BackendOptions options, InferenceAdmission admission, ILogger<MlBackend> logger, IModelStore? models = null)
{
    /// <summary>Label Studio sends these when annotations change or "Start Training" is pressed (upstream's names and LS's real plural).</summary>
    private static readonly HashSet<string> TrainingEvents =
        ["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_DELETED", "ANNOTATIONS_CREATED", "ANNOTATIONS_DELETED", "START_TRAINING"];

    // Configs repeat on every call of a project; parse each distinct text once.
    private readonly ConcurrentDictionary<string, LabelingConfig> _configs = new();
    private readonly ConcurrentDictionary<long, string> _projectConfigs = new();

    public string ModelClass => "Prelabel";

    /// <summary>The version when no labeling config is known: the built-in OCR model's.</summary>
    public string ModelVersion => reader.ModelVersion;

    /// <summary>
    /// /setup: remembers the project's config for predict calls that omit it, and answers the version of the models
    /// that config uses, the same string every prediction for it carries.
    /// </summary>
    public async Task<string> SetupAsync(string? project, string? schema, CancellationToken cancellationToken = default)
    {
        if (ProjectReference.IdOf(project) is { } id && !string.IsNullOrWhiteSpace(schema))
            _projectConfigs[id] = schema;
        if (string.IsNullOrWhiteSpace(schema)) return ModelVersion;
        try
        {
            var config = Config(schema);
            var plans = await PlanAsync(config, ProjectReference.IdOf(project), cancellationToken);
            return VersionOf(plans);
        }
        catch (BackendException e)
        {
            // Connecting must work before the config is finished; /predict will say what is wrong with it.
            logger.LogWarning("Setup with a config the models cannot fill yet: {Reason}", e.Message);
            return ModelVersion;
        }
    }

    public Task<PredictOutcome> PredictAsync(PredictRequest request, CancellationToken cancellationToken = default) =>
        PrelabelTelemetry.TraceAsync("predict", "predict", request.Tasks.Count, request.Project, async activity =>
        {
            activity?.SetTag("prelabel.tasks", request.Tasks.Count);
            var configText = request.LabelConfig
                ?? (ProjectReference.IdOf(request.Project) is { } id ? _projectConfigs.GetValueOrDefault(id) : null)
                ?? throw BackendException.BadRequest("The /predict body has no \"label_config\" and no /setup was seen for its project.");
            var config = Config(configText);
            // What is wrong with the request is answered at once; only the work waits for a slot.
            var outcome = await admission.RunAsync(ct => InteractiveAnnotation.DrawnBoxes(request.Context) is { Count: > 0 } drawn
                ? PredictInteractiveAsync(request, config, drawn, ct)
                : PredictTasksAsync(request, config, ct), cancellationToken);
            activity.SetStages(outcome.Timings);
            activity?.SetTag("prelabel.model_version", outcome.Response.Count > 0 ? outcome.Response.PredictionsFor(0).FirstOrDefault()?.ModelVersion : null);
            return outcome;
        });

    private async Task<PredictOutcome> PredictTasksAsync(PredictRequest request, LabelingConfig config, CancellationToken cancellationToken)
    {
        var plans = await PlanAsync(config, ProjectReference.IdOf(request.Project), cancellationToken);
        var version = VersionOf(plans);

        var entries = new (Prediction? Prediction, BackendException? Error, PredictTimings Timings)[request.Tasks.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Tasks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.PredictParallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    entries[i] = await PredictTaskAsync(request.Tasks[i], plans, ct);
                }
                catch (Exception e) when (e is BackendException or LabelingConfigException)
                {
                    var error = e as BackendException ?? BackendException.ConfigMismatch(e.Message);
                    logger.LogWarning("Task {TaskId} not predicted: {Reason}", PredictRequest.TaskId(request.Tasks[i]), error.Message);
                    entries[i] = (null, error, PredictTimings.Zero);
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
            if (error is not null)
            {
                PrelabelTelemetry.Failed("predict", error);
                response.AddFailure(error.Message);
            }
            else
            {
                response.Add(prediction!);
            }
            timings = timings.Add(t);
        }
        PrelabelTelemetry.Predicted("predict", entries.Length - failed.Length);
        return new PredictOutcome(response.WithModelVersion(version), timings);
    }

    /// <summary>An interactive call (one task, boxes the annotator drew): never stored by Label Studio, so no batch rules apply.</summary>
    private async Task<PredictOutcome> PredictInteractiveAsync(PredictRequest request, LabelingConfig config, IReadOnlyList<JsonObject> drawn, CancellationToken ct)
    {
        var task = request.Tasks.FirstOrDefault() ?? throw BackendException.BadRequest("An interactive /predict call needs its task.");
        var toName = InteractiveAnnotation.Text(drawn[0]["to_name"]);
        var image = config.Objects.FirstOrDefault(o => o.IsImage && (toName is null || o.Name == toName))
            ?? throw BackendException.ConfigMismatch($"The drawn box points at \"{toName}\", which is not an <Image> of the config.");
        var uri = LabelingConfig.ResolveDataValue(task["data"] as JsonObject, image);
        if (string.IsNullOrWhiteSpace(uri)) throw BackendException.BadRequest(MissingDataKey(task, image));
        var clock = Stopwatch.StartNew();
        var bytes = await media.DownloadAsync(uri, PredictRequest.TaskId(task), ct);
        var fetch = clock.Elapsed.TotalMilliseconds;
        try
        {
            var (prediction, stages) = interactive.Predict(config, image, drawn, bytes, ct);
            PrelabelTelemetry.Predicted("interactive");
            return new PredictOutcome(new ModelResponse().Add(prediction).WithModelVersion(ModelVersion), PredictTimings.Zero.Add(fetch, stages));
        }
        catch (ImageDecodeException e)
        {
            throw new BackendException(422, $"The image at {uri} could not be read: {e.Message}", e);
        }
        catch (OnnxModelException e)
        {
            throw BackendException.ConfigMismatch(e.Message);
        }
    }

    /// <summary>
    /// /webhook: training events are acknowledged at once (Label Studio waits one second) and, when the project's config
    /// has Choices backed by an embedding model, start a background refit from its annotations.
    /// </summary>
    public WebhookOutcome Webhook(JsonObject? body)
    {
        var action = body?["action"] is JsonValue v && v.TryGetValue<string>(out var a) ? a : null;
        if (action is null || !TrainingEvents.Contains(action))
            return new WebhookOutcome(200, new JsonObject { ["status"] = "Unknown event" });
        var projectObject = body?["project"] as JsonObject;
        var project = ProjectReference.IdOf(PredictRequest.Text(projectObject?["id"]));
        logger.LogInformation("Training event {Action} for project {Project}", action, project);
        var configText = PredictRequest.Text(projectObject?["label_config"]) ?? (project is { } id ? _projectConfigs.GetValueOrDefault(id) : null);
        var started = false;
        if (project is { } projectId && !string.IsNullOrWhiteSpace(configText))
        {
            try
            {
                started = trainer.Start(projectId, Config(configText), recluster: action == "START_TRAINING");
            }
            catch (BackendException e)
            {
                logger.LogWarning("Training event for project {Project} with a config that cannot be read: {Reason}", projectId, e.Message);
            }
        }
        return new WebhookOutcome(201, new JsonObject
        {
            ["status"] = "ok",
            ["result"] = new JsonObject
            {
                ["training"] = started ? "started" : "nothing to learn",
                ["reason"] = started ? "refitting the Choices backed by embedding models from the project's annotations"
                    : "no Choices in the project's config use an embedding model (model_path to a backbone whose sidecar says \"task\": \"embed\")",
            },
        });
    }

    /// <summary>
    /// The importer's prediction: the same plans and model_version as /predict for this config and project, run on
    /// image bytes already in hand for the config's first &lt;Image&gt;, whose data key the new task must use.
    /// </summary>
    /// <exception cref="BackendException">400 unreadable config or one without an image; 422 a config the models cannot fill or an undecodable image.</exception>
    public async Task<(Prediction Prediction, string ModelVersion, string DataKey)> PredictImageAsync(string labelConfig, long project, byte[] image, CancellationToken cancellationToken = default)
    {
        var config = Config(labelConfig);
        var target = config.Objects.FirstOrDefault(o => o is { IsImage: true, DataKey: not null })
            ?? throw BackendException.ConfigMismatch("The project's labeling config has no <Image value=\"$key\"> to put an uploaded image in.");
        return await PrelabelTelemetry.TraceAsync("predict image", "upload", 1, project, activity => admission.RunAsync(async ct =>
        {
            var plans = await PlanAsync(config, project, ct);
            var (results, scores) = (new List<JsonObject>(), new List<double>());
            var stages = RunPlans(plans.Where(p => p.Image == target), image, "uploaded image", results, scores, ct);
            var version = VersionOf(plans);
            activity.SetStages(stages.Aggregate(PredictTimings.Zero, (sum, s) => sum.Add(0, s)));
            activity?.SetTag("prelabel.model_version", version);
            PrelabelTelemetry.Predicted("upload");
            return (new Prediction(results, TaskScore(scores), version), version, target.DataKey!);
        }, cancellationToken));
    }

    /// <summary>Runs the plans of one image into results and scores, with each plan's stage timings; an undecodable image is the input's fault (422).</summary>
    private static List<StageTimings> RunPlans(IEnumerable<IImagePlan> plans, byte[] image, string what, List<JsonObject> results, List<double> scores, CancellationToken ct)
    {
        var stages = new List<StageTimings>();
        foreach (var plan in plans)
        {
            try
            {
                var (regions, regionScores, timings) = plan.Predict(image, ct);
                results.AddRange(regions);
                scores.AddRange(regionScores);
                stages.Add(timings);
            }
            catch (ImageDecodeException e)
            {
                throw new BackendException(422, $"The {what} could not be read: {e.Message}", e);
            }
            catch (OnnxModelException e)
            {
                throw new BackendException(422, e.Message, e);
            }
        }
        return stages;
    }

    private static double TaskScore(List<double> scores) => scores.Count > 0 ? Math.Clamp(scores.Average(), 0, 1) : 0;

    /// <summary>Each image is downloaded once, however many models read it; the task score is the mean region certainty (PREDICTION_SCORE).</summary>
    private async Task<(Prediction?, BackendException?, PredictTimings)> PredictTaskAsync(JsonObject task, IReadOnlyList<IImagePlan> plans, CancellationToken ct)
    {
        var taskId = PredictRequest.TaskId(task);
        var results = new List<JsonObject>();
        var scores = new List<double>();
        var timings = PredictTimings.Zero;
        foreach (var group in plans.GroupBy(p => p.Image))
        {
            var uri = LabelingConfig.ResolveDataValue(task["data"] as JsonObject, group.Key);
            if (string.IsNullOrWhiteSpace(uri))
                throw BackendException.BadRequest(MissingDataKey(task, group.Key));
            var clock = Stopwatch.StartNew();
            var bytes = await media.DownloadAsync(uri, taskId, ct);
            var fetch = clock.Elapsed.TotalMilliseconds;
            foreach (var stages in RunPlans(group, bytes, $"image at {uri}", results, scores, ct))
            {
                timings = timings.Add(fetch, stages);
                fetch = 0;
            }
        }
        return (new Prediction(results, TaskScore(scores)), null, timings);
    }

    /// <summary>
    /// The plans with the models in MODEL_DIR and what the project's controls learned brought up to date; a project that
    /// learns but has nothing learned yet starts clustering its images.
    /// </summary>
    private async Task<IReadOnlyList<IImagePlan>> PlanAsync(LabelingConfig config, long? project, CancellationToken cancellationToken)
    {
        if (models is not null) await models.EnsureCurrentAsync(cancellationToken);
        var plans = Plan(config, project);
        if (project is { } id) await trainer.PrepareAsync(id, config, plans, cancellationToken);
        return plans;
    }

    /// <summary>Attribute values are read as controls are planned; a bad one is the config's fault, so a 422.</summary>
    private IReadOnlyList<IImagePlan> Plan(LabelingConfig config, long? project)
    {
        try
        {
            return planner.Plan(config, project);
        }
        catch (LabelingConfigException e)
        {
            throw BackendException.ConfigMismatch(e.Message);
        }
    }

    private string VersionOf(IReadOnlyList<IImagePlan> plans) =>
        plans.Count == 0 ? ModelVersion : string.Join("+", plans.Select(p => p.ModelVersion).Distinct());

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
