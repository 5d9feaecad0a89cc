using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Prelabel.Inference.Models;
using Prelabel.LabelStudio.Client;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.Backend;

/// <summary>
/// Refits what a project's embedding-backed Choices controls learned, from its annotated tasks read through the
/// Label Studio API. Runs in the background (the webhook answers at once); one refit per project at a time, and
/// requests arriving during a refit wait their turn, so the last annotation is always learned.
/// </summary>
public sealed class EmbeddingTrainer(ModelRegistry registry, LearnedStates states, ITaskMedia media, ILogger<EmbeddingTrainer> logger, LabelStudioApiClient? api = null)
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _projects = new();

    /// <summary>Whether the config has anything to learn; if so the refit starts in the background.</summary>
    public bool Start(long project, LabelingConfig config)
    {
        if (!LearningControls(config).Any()) return false;
        _ = Task.Run(() => RefitAsync(project, config));
        return true;
    }

    private async Task RefitAsync(long project, LabelingConfig config)
    {
        var gate = _projects.GetOrAdd(project, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await RefitOnceAsync(project, config, CancellationToken.None);
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

    private async Task RefitOnceAsync(long project, LabelingConfig config, CancellationToken ct)
    {
        if (api is null)
        {
            logger.LogWarning("Project {Project} has annotations to learn from, but LABEL_STUDIO_URL is not set, so they cannot be read", project);
            return;
        }
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in api.ListAnnotatedTasksAsync(project, ct)) tasks.Add(task);
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
                var embedding = state.Examples.TryGetValue(task.Id, out var known) ? known.Embedding : await EmbedAsync(model, task, image, ct);
                if (embedding is not null) state = state.WithExample(task.Id, labels, embedding);
            }
            foreach (var gone in state.Examples.Keys.Where(id => !labelled.Contains(id)).ToArray())
                state = state.WithoutExample(gone);
            states.Put(project, control.Name, state);
            logger.LogInformation("Project {Project} control {Control} learned {Count} examples, state {Version}", project, control.Name, state.Examples.Count, state.Version);
        }
    }

    private async Task<float[]?> EmbedAsync(Inference.Embeddings.EmbeddingModel model, LabelStudioTask task, ObjectTag image, CancellationToken ct)
    {
        var uri = LabelingConfig.ResolveDataValue(task.Data, image);
        if (string.IsNullOrWhiteSpace(uri)) return null;
        try
        {
            return model.Embed(await media.DownloadAsync(uri, task.Id, ct), ct);
        }
        catch (BackendException e)
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

    private IEnumerable<(ControlTag Control, Inference.Embeddings.EmbeddingModel Model, ObjectTag Image)> LearningControls(LabelingConfig config)
    {
        foreach (var control in config.Controls.Where(c => c.Type is ChoicesConverter.TagType or TaxonomyConverter.TagType && !c.ModelSkip))
        {
            Inference.Embeddings.EmbeddingModel? model;
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
