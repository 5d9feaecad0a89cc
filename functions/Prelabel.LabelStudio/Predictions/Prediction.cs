using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Prelabel.LabelStudio.Predictions;

/// <summary>One prediction for one task: its regions, a task-level score in [0, 1] and the model version that made it.</summary>
public sealed record Prediction(
    [property: JsonPropertyName("result")] IReadOnlyList<JsonObject> Result,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("model_version")] string? ModelVersion = null)
{
    /// <summary>"Nothing found" is a prediction too, so Label Studio stores it and does not ask again.</summary>
    public static Prediction Empty(string? modelVersion = null) => new([], 0, modelVersion);

    /// <summary>The mean of the region scores, as the reference YOLO backend scores a task; 0 for no regions.</summary>
    public static double MeanScore(IEnumerable<JsonObject> regions)
    {
        var scores = regions.Select(r => r["score"]?.GetValue<double>()).OfType<double>().ToArray();
        return scores.Length == 0 ? 0 : Math.Clamp(scores.Average(), 0, 1);
    }
}
