namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary><c>GET /api/projects/{id}/</c>: the project fields an ML backend reads (id, title, label_config) and a few counters.</summary>
internal static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapGet("/api/projects/{projectId:long}/", (HttpContext context, long projectId) =>
            LabelStudioAuthenticator.Authorize(context, state)
            ?? (state.Projects.TryGetValue(projectId, out var project) ? Results.Json(Serialize(state, project)) : DrfResults.NotFound()));
    }

    private static object Serialize(TestServerState state, SeededProject project)
    {
        var tasks = state.Tasks.Values.Where(t => t.ProjectId == project.Id).ToList();
        lock (state.Gate)
        {
            return Counted(project, tasks);
        }
    }

    private static object Counted(SeededProject project, List<SeededTask> tasks) =>
        new
        {
            id = project.Id,
            title = project.Title,
            description = "",
            label_config = project.LabelConfig,
            model_version = project.ModelVersion,
            created_at = "2026-01-01T00:00:00.000000Z",
            task_number = tasks.Count,
            num_tasks_with_annotations = tasks.Count(t => TaskListEndpoints.Completed(t) > 0),
            total_annotations_number = tasks.Sum(TaskListEndpoints.Completed),
            skipped_annotations_number = tasks.Sum(t => t.Annotations.Count) - tasks.Sum(TaskListEndpoints.Completed),
            total_predictions_number = tasks.Sum(t => t.Predictions.Count),
        };
}
