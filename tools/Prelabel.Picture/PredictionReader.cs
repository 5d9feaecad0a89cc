using System.Text.Json;
using System.Text.Json.Nodes;

namespace Prelabel.Picture;

/// <summary>
/// Finds the results to draw in a /predict response ({"results": [...]}, first entry), one prediction ({"result": [...]}),
/// or a task with "predictions" (first one); a list of any of these stands for its first item, as in a task export.
/// </summary>
internal static class PredictionReader
{
    private const string Shapes = "expected {\"results\": [...]}, {\"result\": [...]} or a task with \"predictions\"";

    public static IReadOnlyList<JsonObject> Read(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PictureInputException($"{source} is not JSON: {e.Message}");
        }

        node = First(node, source, "is an empty list");
        if (node is JsonObject response && response["results"] is JsonArray entries)
        {
            node = First(entries, source, "has an empty \"results\" list: no prediction to draw");
            node = First(node, source, "has an empty list of predictions for its first task");
            if (node is JsonObject failure && failure["result"] is null && failure["error"] is { } error)
                throw new PictureInputException($"{source}: the first task's prediction failed: {error}");
        }
        else if (node is JsonObject task && task["predictions"] is JsonArray predictions)
        {
            node = First(predictions, source, "is a task without predictions");
        }

        if (node is not JsonObject prediction || prediction["result"] is not JsonArray result)
            throw new PictureInputException($"{source}: {Shapes}");
        if (result.Count == 0) throw new PictureInputException($"{source}: the prediction has no results: nothing to draw");
        return result.Select((item, i) => item as JsonObject
            ?? throw new PictureInputException($"{source}: result {i + 1} is not a JSON object")).ToArray();
    }

    private static JsonNode? First(JsonNode? node, string source, string whenEmpty) => node switch
    {
        JsonArray { Count: 0 } => throw new PictureInputException($"{source} {whenEmpty}"),
        JsonArray list => list[0],
        _ => node,
    };
}
