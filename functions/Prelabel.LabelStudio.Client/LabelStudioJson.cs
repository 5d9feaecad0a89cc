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

    /// <summary>
    /// The ids of the tasks an import created, from Label Studio Community's 201 answer (<c>task_ids</c>, asked for with
    /// <c>return_task_ids=true</c>). Anything else is a failure that says the tasks may exist.
    /// </summary>
    public static IReadOnlyList<long> ReadImportedTaskIds(string body, string what)
    {
        var answer = ParseAccepted(body, what) as JsonObject ?? throw Accepted(what, "JSON that is not an object");
        if (answer["task_ids"] is JsonArray ids)
        {
            return ids.Select(id => id is JsonValue value && value.TryGetValue<long>(out var taskId) ? taskId : throw Accepted(what, "a task id that is not a number")).ToList();
        }

        if (answer["import"] is { } job)
        {
            // Label Studio Enterprise queues the import and answers {"import": <id>} at once.
            throw new LabelStudioRequestFailedException(
                $"Label Studio accepted {what} as background import {job.ToJsonString()} and returned no task ids, as Label Studio Enterprise does; " +
                "the tasks appear when the import finishes: look them up by their data instead of importing them again.",
                201, null, null, isTransient: false);
        }

        throw Accepted(what, "an answer without 'task_ids'");
    }

    /// <summary>The id of the prediction <c>POST /api/predictions/</c> created.</summary>
    public static long ReadCreatedId(string body, string what) =>
        ParseAccepted(body, what) is JsonObject created && created["id"] is JsonValue id && id.TryGetValue<long>(out var value)
            ? value
            : throw Accepted(what, "an answer without a numeric 'id'");

    private static LabelStudioTask ReadTask(JsonObject task, string what) => new(
        RequiredId(task, what, "task"),
        task["data"] is JsonObject data ? (JsonObject)data.DeepClone() : [],
        task["annotations"] is JsonArray annotations
            ? annotations.OfType<JsonObject>().Select(ReadAnnotation).ToList()
            : [])
    {
        Meta = task["meta"] is JsonObject meta ? (JsonObject)meta.DeepClone() : [],
        Predictions = task["predictions"] is JsonArray predictions ? predictions.OfType<JsonObject>().Select(ReadPrediction).ToList() : [],
    };

    private static LabelStudioPrediction ReadPrediction(JsonObject prediction) => new(
        prediction["id"] is JsonValue id && id.TryGetValue<long>(out var value) ? value : 0,
        prediction["model_version"] is JsonValue version && version.TryGetValue<string>(out var text) ? text : "",
        prediction["score"] is JsonValue score && score.TryGetValue<double>(out var number) ? number : null,
        prediction["result"] is JsonArray result ? (JsonArray)result.DeepClone() : []);

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

    private static JsonNode? ParseAccepted(string body, string what)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw Accepted(what, "something that is not JSON");
        }
    }

    // The call succeeded (2xx), so whatever it created exists even though its answer cannot be read.
    private static LabelStudioRequestFailedException Accepted(string what, string problem) =>
        new($"Label Studio accepted {what} but answered with {problem}; it was probably done: look for its result before sending it again, " +
            "and check that LABEL_STUDIO_URL is a supported Label Studio version.", 201, null, null, isTransient: false);
}
