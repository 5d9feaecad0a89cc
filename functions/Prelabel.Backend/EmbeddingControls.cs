using System.Diagnostics;
using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.Inference.Embeddings;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.Backend;

/// <summary>
/// Choices controls filled from an embedding backbone: the nearest labelled centroid of what the project's annotations
/// taught (softmax over cosine distance). Before any annotation there is nothing to suggest, and no result.
/// </summary>
public sealed class EmbeddingControls(ObjectTag image, EmbeddingModel model, LearnedStates states, long? project, BackendOptions options) : IImagePlan
{
    private readonly List<(ControlTag Control, double Threshold)> _controls = [];

    public ObjectTag Image { get; } = image;

    /// <summary>The backbone's version and each control's learned-state version: it changes when training changes anything.</summary>
    public string ModelVersion => model.ModelVersion + string.Concat(_controls.Select(c => "." + State(c.Control).Version));

    public void Add(ControlTag control, double threshold) => _controls.Add((control, threshold));

    public (IReadOnlyList<JsonObject> Results, IReadOnlyList<double> Scores, StageTimings Timings) Predict(byte[] image, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var embedding = model.Embed(image, cancellationToken);
        var inference = clock.Elapsed.TotalMilliseconds;
        var results = new List<JsonObject>();
        var scores = new List<double>();
        foreach (var (control, threshold) in _controls)
        {
            var state = State(control);
            if (state.Examples.Count == 0) continue;
            var probabilities = state.Classifier().Classify(embedding).ToDictionary(c => c.Label, c => c.Probability);
            var result = control.Type == ChoicesConverter.TagType
                ? ChoicesConverter.ToResult(control, Image.Name, control.Name, probabilities, threshold)
                : TaxonomyConverter.ToResult(control, Image.Name, control.Name, probabilities, threshold);
            if (result is null) continue;
            results.Add(result);
            scores.Add(Certainty.Of(probabilities.Values.ToArray(), options.PredictionScore));
        }
        return (results, scores, new StageTimings(0, 0, inference, clock.Elapsed.TotalMilliseconds - inference));
    }

    private EmbeddingState State(ControlTag control) => states.Get(project, control.Name).ForModel(model.ModelVersion);
}
