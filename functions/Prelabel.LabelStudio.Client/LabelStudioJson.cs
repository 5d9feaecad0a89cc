using System.Text.Json;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Client;

/// <summary>Reads Label Studio's JSON answers; anything else is a <see cref="LabelStudioRequestFailedException"/> saying so.</summary>
internal static class LabelStudioJson
{
    public static LabelStudioProject ReadProject(string body, string what)
    {
        var project = Parse(body, what) as JsonObject ?? throw NotLabelStudio(what, "a JSON object was expected");
        return new LabelStudioProject(
            RequiredId(project, what, "project"),
            project["title"]?.GetValue<string>() ?? "",
            project["label_config"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// <c>{"total": n, "tasks": [...]}</c> as Label Studio 1.8+ answers; a bare list (unpaginated, older servers)
    /// is one page with no total.
    /// </summary>
    public static TaskPage ReadTaskPage(string body, string what)
    {
        var root = Parse(body, what);
        var (tasks, total) = root switch
        {
            JsonObject page when page["tasks"] is JsonArray list => (list, page["total"]?.GetValue<long>()),
            JsonArray list => (list, (long?)null),
            _ => throw NotLabelStudio(what, "an object with a 'tasks' list was expected"),
        };
        return new TaskPage(tasks.Select(t => ReadTask(t as JsonObject ?? throw NotLabelStudio(what, "a task is not a JSON object"), what)).ToList(), total);
    }

    /// <summary>The DRF <c>detail</c> of an error body, or null.</summary>
    public static string? ReadDetail(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject error && error["detail"] is JsonValue detail && detail.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static LabelStudioTask ReadTask(JsonObject task, string what) => new(
        RequiredId(task, what, "task"),
        task["data"] is JsonObject data ? (JsonObject)data.DeepClone() : [],
        task["annotations"] is JsonArray annotations
            ? annotations.OfType<JsonObject>().Select(ReadAnnotation).ToList()
            : []);

    private static LabelStudioAnnotation ReadAnnotation(JsonObject annotation) => new(
        annotation["id"] is JsonValue id && id.TryGetValue<long>(out var value) ? value : 0,
        annotation["result"] is JsonArray result ? (JsonArray)result.DeepClone() : [],
        Flag(annotation, "was_cancelled"),
        Flag(annotation, "ground_truth"));

    private static bool Flag(JsonObject node, string name) => node[name] is JsonValue flag && flag.TryGetValue<bool>(out var value) && value;

    private static long RequiredId(JsonObject node, string what, string kind) =>
        node["id"] is JsonValue id && id.TryGetValue<long>(out var value) ? value : throw NotLabelStudio(what, $"a {kind} has no numeric 'id'");

    private static JsonNode? Parse(string body, string what)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException error)
        {
            throw new LabelStudioRequestFailedException(
                $"Label Studio answered {what} with something that is not JSON ({error.Message}); is LABEL_STUDIO_URL the Label Studio server and not its web page or a proxy?",
                200, null, error);
        }
    }

    private static LabelStudioRequestFailedException NotLabelStudio(string what, string problem) =>
        new($"Label Studio answered {what} with JSON of an unexpected shape ({problem}); is LABEL_STUDIO_URL a supported Label Studio version?", 200);
}
