using System.Globalization;
using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>A prediction as Label Studio's PredictionSerializer writes it, in <c>POST /api/predictions/</c> answers and task lists.</summary>
internal static class PredictionJson
{
    /// <param name="result">Taken, not copied.</param>
    public static JsonObject Create(TestServerState state, long id, SeededTask task, JsonArray result, double? score, string modelVersion)
    {
        var now = state.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = id,
            ["result"] = result,
            ["model_version"] = modelVersion,
            ["created_ago"] = "0\u00a0minutes",
            ["score"] = score,
            ["cluster"] = null,
            ["neighbors"] = null,
            ["mislabeling"] = 0.0,
            ["created_at"] = now,
            ["updated_at"] = now,
            ["model"] = null,
            ["model_run"] = null,
            ["task"] = task.Id,
            ["project"] = task.ProjectId,
        };
    }

    /// <summary>Adds a prediction to the task and returns a copy of it; call under <see cref="TestServerState.Gate"/>.</summary>
    public static JsonObject Add(TestServerState state, SeededTask task, JsonArray result, double? score, string modelVersion)
    {
        var id = state.NewPredictionId();
        var prediction = Create(state, id, task, (JsonArray)result.DeepClone(), score, modelVersion);
        task.Predictions.Add(prediction);
        state.PredictionTasks[id] = task.Id;
        return (JsonObject)prediction.DeepClone();
    }

    /// <summary><c>model_version</c> as given when it is a string, else <paramref name="missing"/>.</summary>
    public static string Version(JsonNode? version, string missing) =>
        version is JsonValue value && value.TryGetValue<string>(out var text) ? text : missing;
}
