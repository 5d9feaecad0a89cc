using System.Text.Json.Nodes;
using Prelabel.Backend;
using Prelabel.LabelStudio.Client;

namespace Prelabel.Importer.Backfill;

/// <summary>
/// For projects whose tasks already exist: predicts, page by page, the tasks without a prediction of the current
/// model_version (the one /setup reports for the project's config) and posts each through <c>POST /api/predictions</c>;
/// or deletes every prediction of one model_version.
/// </summary>
public sealed class TaskBackfill(LabelStudioApiClient labelStudio, MlBackend backend)
{
    public async Task<BackfillSummary> PredictAsync(long project, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        var config = (await labelStudio.GetProjectAsync(project, cancellationToken)).LabelConfig;
        var projectReference = project.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var version = await backend.SetupAsync(projectReference, config, cancellationToken);
        var (done, predicted, skipped, failures) = (0, 0, 0, new List<string>());
        await foreach (var task in labelStudio.ListTasksAsync(project, cancellationToken))
        {
            done++;
            if (task.Predictions.Any(p => p.ModelVersion == version))
            {
                skipped++;
            }
            else
            {
                try
                {
                    var request = new PredictRequest([new JsonObject { ["id"] = task.Id, ["data"] = task.Data.DeepClone() }], projectReference, config, null);
                    var outcome = await backend.PredictAsync(request, cancellationToken);
                    var prediction = outcome.Response.PredictionsFor(0).Single();
                    await labelStudio.CreatePredictionAsync(task.Id, new JsonArray([.. prediction.Result.Select(r => (JsonNode)r.DeepClone())]), prediction.Score, version, cancellationToken);
                    predicted++;
                }
                catch (Exception e) when (e is BackendException or LabelStudioRequestFailedException or InvalidOperationException)
                {
                    failures.Add($"task {task.Id}: {e.Message}");
                }
            }
            progress?.Report(new BackfillProgress(done, null, predicted, skipped, failures));
        }
        return new BackfillSummary($"project {project}: predictions of {version}", predicted, skipped, failures);
    }

    public async Task<BackfillSummary> DeleteAsync(long project, string modelVersion, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        // Listed first, deleted after: deleting while paging would shift the pages.
        var doomed = new List<(long Task, long Prediction)>();
        var others = 0;
        await foreach (var task in labelStudio.ListTasksAsync(project, cancellationToken))
        {
            foreach (var prediction in task.Predictions)
            {
                if (prediction.ModelVersion == modelVersion) doomed.Add((task.Id, prediction.Id));
                else others++;
            }
        }
        var (deleted, failures) = (0, new List<string>());
        foreach (var (task, prediction) in doomed)
        {
            try
            {
                await labelStudio.DeletePredictionAsync(prediction, cancellationToken);
                deleted++;
            }
            catch (LabelStudioRequestFailedException e)
            {
                failures.Add($"prediction {prediction} of task {task}: {e.Message}");
            }
            progress?.Report(new BackfillProgress(deleted + failures.Count, doomed.Count, deleted, others, failures));
        }
        return new BackfillSummary($"project {project}: predictions of {modelVersion} deleted", deleted, others, failures);
    }
}
