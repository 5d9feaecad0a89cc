using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// <c>POST /api/predictions/</c> (201 with the full prediction), <c>DELETE /api/predictions/{id}/</c> (204), and
/// <c>POST /api/projects/{id}/import/predictions</c> (<c>[{task, result, score, model_version}]</c> → 201 <c>{"created": n}</c>).
/// The trailing slashes are the routes of Label Studio's REST framework router.
/// </summary>
internal static class PredictionEndpoints
{
    public static void MapPredictionEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        // An HttpRequest parameter, not HttpContext alone: that lambda would be a RequestDelegate and its IResult dropped.
        app.MapPost("/api/predictions/", (HttpRequest request) => CreateAsync(request.HttpContext, state));
        app.MapDelete("/api/predictions/{predictionId:long}/", (HttpContext context, long predictionId) =>
            LabelStudioAuthenticator.Authorize(context, state) ?? Delete(state, predictionId));
        app.MapPost("/api/projects/{projectId:long}/import/predictions", (HttpContext context, long projectId) => ImportAsync(context, state, projectId));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TestServerState state)
    {
        if (LabelStudioAuthenticator.Authorize(context, state) is { } denied)
        {
            return denied;
        }

        var (body, error) = await RequestJson.ReadAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonObject prediction)
        {
            return DrfResults.ValidationErrors(new JsonObject { ["non_field_errors"] = new JsonArray($"Invalid data. Expected a dictionary, but got {RequestJson.PythonType(body)}.") });
        }

        var errors = new JsonObject();
        SeededTask? task = null;
        if (TaskError(state, prediction, ref task) is { } taskError)
        {
            errors["task"] = new JsonArray(taskError);
        }

        var result = prediction["result"] as JsonArray;
        if (result is null)
        {
            errors["result"] = new JsonArray("A prediction result must be a list of regions.");
        }

        if (errors.Count > 0)
        {
            return DrfResults.ValidationErrors(errors);
        }

        lock (state.Gate)
        {
            var created = PredictionJson.Add(state, task!, result!, RequestJson.Score(prediction["score"]), PredictionJson.Version(prediction["model_version"], ""));
            return Results.Json(created, statusCode: 201);
        }
    }

    // DRF's PrimaryKeyRelatedField messages; a task the user cannot see does not exist for them.
    private static string? TaskError(TestServerState state, JsonObject prediction, ref SeededTask? task)
    {
        if (!prediction.TryGetPropertyValue("task", out var node))
        {
            return "This field is required.";
        }

        return node switch
        {
            null => "This field may not be null.",
            JsonValue value when value.TryGetValue<long>(out var id) => state.Tasks.TryGetValue(id, out task) ? null : $"Invalid pk \"{id}\" - object does not exist.",
            _ => $"Incorrect type. Expected pk value, received {RequestJson.PythonType(node)}.",
        };
    }

    private static IResult Delete(TestServerState state, long predictionId)
    {
        lock (state.Gate)
        {
            if (!state.PredictionTasks.TryRemove(predictionId, out var taskId))
            {
                return DrfResults.NotFound();
            }

            if (state.Tasks.TryGetValue(taskId, out var task))
            {
                task.Predictions.Remove(task.Predictions.First(p => (long?)p!["id"] == predictionId));
            }
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ImportAsync(HttpContext context, TestServerState state, long projectId)
    {
        if (LabelStudioAuthenticator.Authorize(context, state) is { } denied)
        {
            return denied;
        }

        if (!state.Projects.TryGetValue(projectId, out var project))
        {
            return DrfResults.NotFound();
        }

        var (body, error) = await RequestJson.ReadAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonArray items)
        {
            return DrfResults.ValidationErrors(new JsonArray($"Expected a list of predictions, but got {RequestJson.PythonType(body)}."));
        }

        var tasks = new List<(SeededTask Task, JsonObject Prediction)>();
        foreach (var item in items)
        {
            if (item is not JsonObject prediction || prediction["task"] is not JsonValue id || !id.TryGetValue<long>(out var taskId)
                || !state.Tasks.TryGetValue(taskId, out var task) || task.ProjectId != projectId)
            {
                return DrfResults.ValidationErrors(new JsonArray(
                    $"{item?.ToJsonString()} contains invalid \"task\" field: corresponding task ID couldn't be retrieved from project {project.Title} (id={project.Id})"));
            }

            if (prediction["result"] is not JsonArray)
            {
                return DrfResults.ValidationErrors(new JsonArray($"{item.ToJsonString()}: a prediction result must be a list of regions."));
            }

            tasks.Add((task, prediction));
        }

        lock (state.Gate)
        {
            foreach (var (task, prediction) in tasks)
            {
                PredictionJson.Add(state, task, (JsonArray)prediction["result"]!, RequestJson.Score(prediction["score"]), PredictionJson.Version(prediction["model_version"], "undefined"));
            }
        }

        return Results.Json(new { created = tasks.Count }, statusCode: 201);
    }
}
