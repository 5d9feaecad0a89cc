using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// <c>GET /api/tasks/?project=&amp;page=&amp;page_size=&amp;fields=all</c> as Label Studio's data manager serves it:
/// <c>{"total_annotations", "total_predictions", "total", "tasks": [...]}</c>, ordered by id, annotations and predictions only
/// with <c>fields=all</c>, page_size cut to TASK_API_PAGE_SIZE_MAX, and Django REST framework's 404 "Invalid page." past the end.
/// </summary>
internal static class TaskListEndpoints
{
    private const int DefaultPageSize = 100;

    public static void MapTaskListEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapGet("/api/tasks/", (HttpContext context, string? project, string? page, string? page_size, string? fields) =>
            LabelStudioAuthenticator.Authorize(context, state) ?? List(state, project, page, page_size, fields == "all"));
    }

    public static int Completed(SeededTask task) => task.Annotations.Count(a => a?["was_cancelled"]?.GetValue<bool>() != true);

    private static IResult List(TestServerState state, string? project, string? page, string? pageSize, bool allFields)
    {
        if (!long.TryParse(project, out var projectId) || projectId == 0)
        {
            return DrfResults.Detail(404, "Neither project nor view id specified");
        }

        if (!state.Projects.ContainsKey(projectId))
        {
            return DrfResults.NotFound();
        }

        var tasks = state.Tasks.Values.Where(t => t.ProjectId == projectId).OrderBy(t => t.Id).ToList();
        var size = int.TryParse(pageSize, out var asked) && asked > 0 ? asked : DefaultPageSize;
        size = Math.Min(size, state.TaskPageSizeMax);
        var pages = Math.Max(1, (tasks.Count + size - 1) / size);
        var number = page is null ? 1 : page == "last" ? pages : int.TryParse(page, out var n) ? n : 0;
        if (number < 1 || number > pages)
        {
            return DrfResults.Detail(404, "Invalid page.");
        }

        // Imports and predictions change task JSON concurrently; it is read under the same lock.
        lock (state.Gate)
        {
            return Results.Json(new JsonObject
            {
                ["total_annotations"] = tasks.Sum(Completed),
                ["total_predictions"] = tasks.Sum(t => t.Predictions.Count),
                ["total"] = tasks.Count,
                ["tasks"] = new JsonArray([.. tasks.Skip((number - 1) * size).Take(size).Select(t => Serialize(t, allFields))]),
            });
        }
    }

    private static JsonObject Serialize(SeededTask task, bool allFields)
    {
        var json = new JsonObject
        {
            ["id"] = task.Id,
            ["data"] = task.Data.DeepClone(),
            ["meta"] = task.Meta.DeepClone(),
            ["created_at"] = "2026-01-01T00:00:00.000000Z",
            ["updated_at"] = "2026-01-01T00:00:00.000000Z",
            ["is_labeled"] = Completed(task) > 0,
            ["overlap"] = 1,
            ["inner_id"] = task.Id,
            ["total_annotations"] = Completed(task),
            ["cancelled_annotations"] = task.Annotations.Count - Completed(task),
            ["total_predictions"] = task.Predictions.Count,
            ["project"] = task.ProjectId,
        };
        if (allFields)
        {
            json["annotations"] = task.Annotations.DeepClone();
            json["predictions"] = task.Predictions.DeepClone();
            json["drafts"] = new JsonArray();
        }

        return json;
    }
}
