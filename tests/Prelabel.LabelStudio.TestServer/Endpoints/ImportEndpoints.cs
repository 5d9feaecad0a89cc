using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// <c>POST /api/projects/{id}/import</c> with a JSON body, as Label Studio Community answers it: a list of tasks or one task
/// object, validated all or nothing (<see cref="TaskImportValidator"/>), stored with new increasing ids (predictions and
/// annotations too), then 201 with the counts, and <c>task_ids</c> when <c>return_task_ids</c> is true.
/// <c>commit_to_project=false</c> validates and stores nothing.
/// </summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapPost("/api/projects/{projectId:long}/import", async (HttpContext context, long projectId, string? return_task_ids, string? commit_to_project) =>
        {
            if (LabelStudioAuthenticator.Authorize(context, state) is { } denied)
            {
                return denied;
            }

            if (!state.Projects.TryGetValue(projectId, out var project))
            {
                return DrfResults.NotFound();
            }

            if (Flag(return_task_ids, false) is not { } returnIds || Flag(commit_to_project, true) is not { } commit)
            {
                return DrfResults.Detail(400, "Incorrect bool value. It should be one of [1, 0, true, false, yes, no]");
            }

            var started = Stopwatch.GetTimestamp();
            var (body, error) = await RequestJson.ReadAsync(context.Request);
            if (error is not null)
            {
                return error;
            }

            var items = body switch
            {
                JsonArray list => list,
                JsonObject one => new JsonArray(one.DeepClone()),
                _ => null,
            };
            var (tasks, errors) = items is null ? (null, new JsonArray("data is not a list")) : TaskImportValidator.Validate(project.LabelConfig, items);
            if (tasks is null)
            {
                return DrfResults.ValidationErrors(errors!);
            }

            var ids = commit ? Store(state, projectId, tasks) : [];
            var answer = new JsonObject
            {
                ["task_count"] = tasks.Count,
                ["annotation_count"] = commit ? tasks.Sum(t => t.Annotations.Count) : null,
                ["prediction_count"] = commit ? tasks.Sum(t => t.Predictions.Count) : null,
                ["duration"] = Stopwatch.GetElapsedTime(started).TotalSeconds,
                ["file_upload_ids"] = new JsonArray(),
                ["could_be_tasks_list"] = false,
                ["found_formats"] = new JsonArray(),
                ["data_columns"] = new JsonArray(),
            };
            if (returnIds)
            {
                answer["task_ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]);
            }

            return Results.Json(answer, statusCode: 201);
        });
    }

    private static long[] Store(TestServerState state, long projectId, List<ImportedTask> tasks)
    {
        lock (state.Gate)
        {
            var ids = state.NewTaskIds(tasks.Count);
            string? lastVersion = null;
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = new SeededTask(ids[i], projectId, tasks[i].Data, []) { Meta = tasks[i].Meta };
                foreach (var annotation in tasks[i].Annotations)
                {
                    task.Annotations.Add(Annotation(state, annotation, task));
                }

                foreach (var prediction in tasks[i].Predictions)
                {
                    lastVersion = PredictionJson.Version(prediction["model_version"], "undefined");
                    PredictionJson.Add(state, task, (JsonArray)prediction["result"]!, RequestJson.Score(prediction["score"]), lastVersion);
                }

                state.Tasks[task.Id] = task;
                state.TaskProjects[task.Id] = (int)projectId;
            }

            // Label Studio gives a project without a model version the one its imported predictions carry.
            if (lastVersion is not null && state.Projects.TryGetValue(projectId, out var project) && project.ModelVersion.Length == 0)
            {
                state.Projects[projectId] = project with { ModelVersion = lastVersion };
            }

            return ids;
        }
    }

    private static JsonObject Annotation(TestServerState state, JsonObject given, SeededTask task)
    {
        var annotation = LabelStudioTestServer.Annotation(state.NewAnnotationId(), (JsonArray)given["result"]!, IsTrue(given["was_cancelled"]), IsTrue(given["ground_truth"]));
        annotation["task"] = task.Id;
        annotation["project"] = task.ProjectId;
        return annotation;
    }

    private static bool IsTrue(JsonNode? flag) => flag is JsonValue value && value.TryGetValue<bool>(out var set) && set;

    // Label Studio's bool_from_request.
    private static bool? Flag(string? value, bool missing) => value?.ToLowerInvariant() switch
    {
        null => missing,
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "not" or "off" => false,
        _ => null,
    };
}
