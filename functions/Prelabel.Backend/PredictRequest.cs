using System.Text.Json.Nodes;

namespace Prelabel.Backend;

/// <summary>
/// A /predict body as Label Studio sends it: tasks, project ("3.1746612998"), label_config, params (context for
/// interactive calls). Unknown fields are ignored; tasks given as one object are taken as a list of one.
/// </summary>
public sealed record PredictRequest(IReadOnlyList<JsonObject> Tasks, string? Project, string? LabelConfig, JsonObject? Context)
{
    public static PredictRequest Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
            throw BackendException.BadRequest("The /predict body must be a JSON object with \"tasks\" and \"label_config\".");
        var tasks = root["tasks"] switch
        {
            JsonArray list => list.Select((t, i) => t as JsonObject ?? throw BackendException.BadRequest($"tasks[{i}] is not a JSON object.")).ToArray(),
            JsonObject single => [single],
            null => throw BackendException.BadRequest("The /predict body has no \"tasks\"."),
            _ => throw BackendException.BadRequest("\"tasks\" must be a list of task objects."),
        };
        var config = root["label_config"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw BackendException.BadRequest("\"label_config\" must be the labeling config XML as a string."),
        };
        var context = (root["params"] as JsonObject)?["context"] as JsonObject;
        return new PredictRequest(tasks, Text(root["project"]), config, context);
    }

    /// <summary>Project references arrive as strings or numbers.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static long? TaskId(JsonObject task) =>
        task["id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;
}
