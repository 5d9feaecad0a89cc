using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Prelabel.Inference.Embeddings;
using Prelabel.Inference.Models;
using Prelabel.LabelStudio.Client;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.Backend;

/// <summary>
/// Refits what a project's embedding-backed Choices controls learned, from its annotated tasks read through the
/// Label Studio API, and clusters the project's images while a control has no labelled example yet. Runs in the
/// background (the webhook answers at once); one refit per project at a time, and requests arriving during a refit
/// wait their turn, so the last annotation is always learned.
/// </summary>
public sealed class EmbeddingTrainer(ModelRegistry registry, LearnedStates states, ITaskMedia media, BackendOptions options, ILogger<EmbeddingTrainer> logger, LabelStudioApiClient? api = null)
{
    /// <summary>How long a project whose clustering found nothing to cluster waits before /setup or /predict try again.</summary>
    private static readonly TimeSpan RetryUnclustered = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, SemaphoreSlim> _projects = new();
    private readonly ConcurrentDictionary<long, DateTime> _clusteringTried = new();

    /// <summary>
    /// Whether the config has anything to learn; if so the refit starts in the background. <paramref name="recluster"/>
    /// (Start Training) clusters again the controls that still have no labelled example, to take in new tasks.
    /// </summary>
    public bool Start(long project, LabelingConfig config, bool recluster = false)
    {
        if (!LearningControls(config).Any()) return false;
        _ = Task.Run(() => RefitAsync(project, config, recluster));
        return true;
    }

    /// <summary>
    /// Brings what the plans' controls learned up to date with the store (another instance may have trained), and starts
    /// a refit when a control has neither labelled examples nor clusters yet, so a project gets cluster suggestions
    /// without anyone pressing Start Training (tried at most once a minute per project).
    /// </summary>
    public async Task PrepareAsync(long project, LabelingConfig config, IReadOnlyList<IImagePlan> plans, CancellationToken cancellationToken)
    {
        var learning = plans.OfType<EmbeddingControls>().ToArray();
        if (learning.Length == 0) return;
        await states.RefreshAsync(project, learning.SelectMany(p => p.ControlNames), cancellationToken: cancellationToken);
        if (api is null || !learning.Any(p => p.Untrained)) return;
        var now = DateTime.UtcNow;
        if (_clusteringTried.TryGetValue(project, out var tried) && now - tried < RetryUnclustered) return;
        _clusteringTried[project] = now;
        Start(project, config);
    }

    private async Task RefitAsync(long project, LabelingConfig config, bool recluster)
    {
        var gate = _projects.GetOrAdd(project, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            // Instances sharing the store take turns, and each starts from what the last one stored.
            await using var held = await states.LockAsync(project);
            await states.RefreshAsync(project, LearningControls(config).Select(c => c.Control.Name), force: true);
            await RefitOnceAsync(project, config, recluster, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Training for project {Project} failed", project);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RefitOnceAsync(long project, LabelingConfig config, bool recluster, CancellationToken ct)
    {
        if (api is null)
        {
            logger.LogWarning("Project {Project} has annotations to learn from, but LABEL_STUDIO_URL is not set, so they cannot be read", project);
            return;
        }
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in api.ListAnnotatedTasksAsync(project, ct)) tasks.Add(task);
        // Controls sharing a backbone share its embeddings within one refit.
        var embeddings = new Dictionary<(string, long), float[]?>();
        async Task<float[]?> Embed(EmbeddingModel model, LabelStudioTask task, ObjectTag image) =>
            embeddings.TryGetValue((model.ModelVersion, task.Id), out var known) ? known
                : embeddings[(model.ModelVersion, task.Id)] = await EmbedAsync(model, task, image, ct);
        List<LabelStudioTask>? sample = null;
        foreach (var (control, model, image) in LearningControls(config))
        {
            var state = states.Get(project, control.Name).ForModel(model.ModelVersion);
            var labelled = new HashSet<long>();
            foreach (var task in tasks)
            {
                var labels = Labels(task, control);
                if (labels.Count == 0) continue;
                labelled.Add(task.Id);
                // An unchanged task keeps its embedding: a refit after each annotation embeds only the new image.
                var embedding = state.Examples.TryGetValue(task.Id, out var known) ? known.Embedding : await Embed(model, task, image);
                if (embedding is not null) state = state.WithExample(task.Id, labels, embedding);
            }
            foreach (var gone in state.Examples.Keys.Where(id => !labelled.Contains(id)).ToArray())
                state = state.WithoutExample(gone);
            if (state.Examples.Count == 0 && (recluster || state.Clusters.Count == 0))
            {
                sample ??= await SampleAsync(project, ct);
                var points = new List<float[]>();
                foreach (var task in sample)
                    if (await Embed(model, task, image) is { } embedding) points.Add(embedding);
                state = Cluster(state, points, EmbeddingControls.ClusterChoices(control).Count);
            }
            await states.PutAsync(project, control.Name, state, ct);
            logger.LogInformation("Project {Project} control {Control} learned {Count} examples and {Clusters} clusters, state {Version}",
                project, control.Name, state.Examples.Count, state.Clusters.Count, state.Version);
        }
    }

    private async Task<List<LabelStudioTask>> SampleAsync(long project, CancellationToken ct)
    {
        var sample = new List<LabelStudioTask>();
        await foreach (var task in api!.ListTasksAsync(project, ct))
        {
            sample.Add(task);
            if (sample.Count >= options.ClusterSampleSize) break;
        }
        return sample;
    }

    /// <summary>k-means into one cluster per choice, largest first, so the first choice names the commonest look.</summary>
    private static EmbeddingState Cluster(EmbeddingState state, List<float[]> points, int choices)
    {
        if (points.Count < 2 || choices < 2) return state;
        var fit = new KMeans(choices).Fit(points);
        var order = Enumerable.Range(0, fit.Centroids.Count).OrderByDescending(c => fit.Assignments.Count(a => a == c)).ThenBy(c => c);
        return state.WithClusters([.. order.Select(c => fit.Centroids[c])]);
    }

    private async Task<float[]?> EmbedAsync(EmbeddingModel model, LabelStudioTask task, ObjectTag image, CancellationToken ct)
    {
        var uri = LabelingConfig.ResolveDataValue(task.Data, image);
        if (string.IsNullOrWhiteSpace(uri)) return null;
        try
        {
            return model.Embed(await media.DownloadAsync(uri, task.Id, ct), ct);
        }
        catch (Exception e) when (e is BackendException or Imaging.ImageDecodeException)
        {
            logger.LogWarning("Task {TaskId} left out of training: {Reason}", task.Id, e.Message);
            return null;
        }
    }

    /// <summary>The choices of the task's most recent completed annotation for this control.</summary>
    private static IReadOnlyList<string> Labels(LabelStudioTask task, ControlTag control)
    {
        foreach (var annotation in task.Annotations.Where(a => !a.WasCancelled).Reverse())
        {
            var labels = annotation.Result.OfType<JsonObject>()
                .Where(r => (string?)r["from_name"] == control.Name)
                .SelectMany(r => r["value"]?[control.ResultType] as JsonArray ?? [])
                .SelectMany(v => v is JsonArray path ? [path.LastOrDefault()] : new[] { v })
                .Select(v => v?.GetValue<string>()).OfType<string>().Distinct().ToArray();
            if (labels.Length > 0) return labels;
        }
        return [];
    }

    private IEnumerable<(ControlTag Control, EmbeddingModel Model, ObjectTag Image)> LearningControls(LabelingConfig config)
    {
        foreach (var control in config.Controls.Where(c => c.Type is ChoicesConverter.TagType or TaxonomyConverter.TagType && !c.ModelSkip))
        {
            EmbeddingModel? model;
            try
            {
                model = registry.Embedding(control.ModelPath);
            }
            catch (ModelNotAvailableException)
            {
                continue;
            }
            var image = control.ToName.Select(config.FindObject).FirstOrDefault(o => o is { IsImage: true });
            if (model is not null && image is not null) yield return (control, model, image);
        }
    }
}
