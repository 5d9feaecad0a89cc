using System.Text.Json.Nodes;

namespace Prelabel.LabelStudio.Predictions;

/// <summary>
/// The /predict answer: one entry per task, in task order. An entry is one prediction, several predictions for the
/// same task (Label Studio accepts a list there), or a failure.
/// </summary>
public sealed class ModelResponse
{
    private readonly List<Entry> _tasks = [];

    private sealed record Entry(IReadOnlyList<Prediction> Predictions, string? Error);

    public int Count => _tasks.Count;

    public IReadOnlyList<Prediction> PredictionsFor(int task) => _tasks[task].Predictions;

    public string? ErrorFor(int task) => _tasks[task].Error;

    public ModelResponse Add(Prediction prediction) => Add([prediction]);

    public ModelResponse Add(IReadOnlyList<Prediction> predictions)
    {
        _tasks.Add(new Entry(predictions, null));
        return this;
    }

    /// <summary>
    /// A task that could not be predicted. Its entry carries no "result", so Label Studio saves nothing for it and
    /// asks again later, while the other tasks of the batch keep their predictions.
    /// </summary>
    public ModelResponse AddFailure(string reason)
    {
        _tasks.Add(new Entry([], reason));
        return this;
    }

    /// <summary>Predictions without a version inherit this one; predictions that carry their own keep it.</summary>
    public ModelResponse WithModelVersion(string modelVersion)
    {
        for (var i = 0; i < _tasks.Count; i++)
            _tasks[i] = _tasks[i] with { Predictions = _tasks[i].Predictions.Select(p => p.ModelVersion is null ? p with { ModelVersion = modelVersion } : p).ToArray() };
        _modelVersion = modelVersion;
        return this;
    }

    private string? _modelVersion;

    public bool HasModelVersion => _tasks.Count > 0 && _tasks.All(t => t.Predictions.All(p => p.ModelVersion is not null));

    /// <summary>{"results": [...]}: a single prediction as an object, several as a list, a failure as {model_version, score, error}.</summary>
    public JsonObject ToJson()
    {
        var results = new JsonArray();
        foreach (var task in _tasks)
        {
            if (task.Error is not null)
                results.Add(new JsonObject { ["model_version"] = _modelVersion, ["score"] = 0.0, ["error"] = task.Error });
            else if (task.Predictions.Count == 1)
                results.Add(ToJson(task.Predictions[0]));
            else
                results.Add(new JsonArray(task.Predictions.Select(p => (JsonNode)ToJson(p)).ToArray()));
        }
        return new JsonObject { ["results"] = results };
    }

    public static JsonObject ToJson(Prediction prediction) => new()
    {
        ["result"] = new JsonArray(prediction.Result.Select(r => r.DeepClone()).ToArray()),
        ["score"] = prediction.Score,
        ["model_version"] = prediction.ModelVersion,
    };
}
