using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;

namespace Prelabel.Backend;

/// <summary>Controls of one image filled from one model run: the model runs once however many controls read it.</summary>
public interface IImagePlan
{
    ObjectTag Image { get; }

    string ModelVersion { get; }

    /// <summary>The results for these controls, and the scores that make up the task score (one per region).</summary>
    (IReadOnlyList<JsonObject> Results, IReadOnlyList<double> Scores, StageTimings Timings) Predict(byte[] image, CancellationToken cancellationToken);
}
