using System.Diagnostics;
using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.Inference.Embeddings;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;

namespace Prelabel.Backend;

/// <summary>
/// Choices and Taxonomy controls filled from an embedding backbone: the nearest labelled centroid of what the project's
/// annotations taught (softmax over cosine distance). Before the first annotation, the project's images are grouped by
/// k-means into as many clusters as the control has choices, and each image gets its cluster's choice: alike images
/// get alike suggestions, but which choice names which cluster is arbitrary until someone labels one, so those
/// results carry the score of a uniform guess (1/k).
/// </summary>
public sealed class EmbeddingControls(ObjectTag image, EmbeddingModel model, LearnedStates states, long? project, BackendOptions options) : IImagePlan
{
    private readonly List<(ControlTag Control, double Threshold)> _controls = [];

    public ObjectTag Image { get; } = image;

    /// <summary>The backbone's version and each control's learned-state version: it changes when training changes anything.</summary>
    public string ModelVersion => model.ModelVersion + string.Concat(_controls.Select(c => "." + State(c.Control).Version));

    public void Add(ControlTag control, double threshold) => _controls.Add((control, threshold));

    /// <summary>The names of the controls this plan fills, which are the names their learned states go by.</summary>
    public IEnumerable<string> ControlNames => _controls.Select(c => c.Control.Name);

    /// <summary>Whether a control has learned nothing yet: no labelled example and no clusters.</summary>
    public bool Untrained => _controls.Any(c => State(c.Control) is { Examples.Count: 0, Clusters.Count: 0 });

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
            if (state.Examples.Count > 0)
            {
                var probabilities = state.Classifier().Classify(embedding).ToDictionary(c => c.Label, c => c.Probability);
                if (ToResult(control, probabilities, threshold) is not { } result) continue;
                results.Add(result);
                scores.Add(Certainty.Of(probabilities.Values.ToArray(), options.PredictionScore));
            }
            else if (state.NearestCluster(embedding) is { } cluster && ClusterChoices(control) is { } choices && cluster < choices.Count
                     && ToResult(control, new Dictionary<string, double> { [choices[cluster].Value] = 1 }, 0) is { } suggestion)
            {
                var guess = Enumerable.Repeat(1.0 / choices.Count, choices.Count).ToArray();
                suggestion["score"] = guess[0];
                results.Add(suggestion);
                scores.Add(Certainty.Of(guess, options.PredictionScore));
            }
        }
        return (results, scores, new StageTimings(0, 0, inference, clock.Elapsed.TotalMilliseconds - inference));
    }

    /// <summary>What clusters can be named after: every choice of a Choices, the leaves of a Taxonomy, in config order.</summary>
    public static IReadOnlyList<LabelTag> ClusterChoices(ControlTag control) =>
        [.. control.Labels.Where(l => !control.Labels.Any(o => o.Path.Count > l.Path.Count && o.Path.Take(l.Path.Count).SequenceEqual(l.Path)))];

    private JsonObject? ToResult(ControlTag control, IReadOnlyDictionary<string, double> probabilities, double threshold) =>
        control.Type == ChoicesConverter.TagType
            ? ChoicesConverter.ToResult(control, Image.Name, control.Name, probabilities, threshold)
            : TaxonomyConverter.ToResult(control, Image.Name, control.Name, probabilities, threshold);

    private EmbeddingState State(ControlTag control) => states.Get(project, control.Name).ForModel(model.ModelVersion);
}
