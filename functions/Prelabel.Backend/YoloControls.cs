using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.Inference.Yolo;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

/// <summary>The controls of one &lt;Image&gt; filled from one YOLO model: boxes, polygons and choices from a single run.</summary>
public sealed class YoloControls(ObjectTag image, YoloModel model, BackendOptions options) : IImagePlan
{
    private readonly List<(ControlTag Control, IReadOnlyDictionary<string, string> Labels, double Threshold, ControlTag? Companion)> _controls = [];

    public ObjectTag Image { get; } = image;

    public YoloModel Model { get; } = model;

    public string ModelVersion => Model.ModelVersion;

    /// <summary>
    /// Adds the control, or says why its labels do not fit this model (the upstream YOLO example's actionable error).
    /// The companion is a KeyPointLabels control's hidden "&lt;name&gt;_bbox" RectangleLabels.
    /// </summary>
    public string? TryAdd(ControlTag control, double defaultThreshold, ControlTag? companion = null)
    {
        var names = Model.Metadata.Names;
        var labels = LabelMap.Build(control, names);
        if (labels.Count == 0)
            return $"<{control.Type} name=\"{control.Name}\"> (labels [{string.Join(", ", control.Labels.Select(l => l.Value))}] match none of " +
                   $"{Path.GetFileName(Model.Path)}'s classes [{string.Join(", ", names.Take(20))}{(names.Count > 20 ? ", …" : "")}]; use predicted_values)";
        _controls.Add((control, labels, control.ScoreThreshold(defaultThreshold), companion));
        return null;
    }

    public (IReadOnlyList<JsonObject> Results, IReadOnlyList<double> Scores, StageTimings Timings) Predict(byte[] image, CancellationToken cancellationToken)
    {
        var yoloOptions = new YoloOptions(
            Confidence: (float)_controls.Min(c => c.Threshold),
            Iou: (float)options.IouThreshold,
            MaxImagePixels: options.MaxImagePixels,
            Masks: _controls.Any(c => c.Control.Type == BrushLabelsConverter.TagType));
        var prediction = Model.Predict(image, yoloOptions, cancellationToken);
        var size = new ImageSize(prediction.Width, prediction.Height);
        var results = new List<JsonObject>();
        var scores = new List<double>();
        foreach (var (control, labels, threshold, companion) in _controls)
        {
            var regions = Regions(control, labels, threshold, companion, prediction, size);
            results.AddRange(regions);
            scores.AddRange(control.Type is ChoicesConverter.TagType or TaxonomyConverter.TagType
                ? regions.Select(_ => Certainty.Of(prediction.ClassProbabilities!.Select(p => (double)p).ToArray(), options.PredictionScore))
                : regions.Select(r => Certainty.Of((double?)r["score"] ?? 0, options.PredictionScore)));
        }
        return (results, scores, prediction.Timings);
    }

    private IReadOnlyList<JsonObject> Regions(ControlTag control, IReadOnlyDictionary<string, string> labels, double threshold, ControlTag? companion, YoloPrediction prediction, ImageSize size)
    {
        var names = Model.Metadata.Names;
        if (control.Type is ChoicesConverter.TagType or TaxonomyConverter.TagType)
        {
            if (prediction.ClassProbabilities is not { } probabilities) return [];
            var byName = names.Select((n, i) => (n, p: (double)probabilities[i])).GroupBy(c => c.n).ToDictionary(g => g.Key, g => g.Max(c => c.p));
            var choice = control.Type == ChoicesConverter.TagType
                ? ChoicesConverter.ToResult(control, Image.Name, control.Name, byName, threshold)
                : TaxonomyConverter.ToResult(control, Image.Name, control.Name, byName, threshold);
            return choice is null ? [] : [choice];
        }

        var kept = prediction.Detections
            .Select((d, i) => (Detection: d, Index: i, Label: labels.GetValueOrDefault(names[d.ClassId])))
            .Where(d => d.Detection.Score >= threshold && d.Label is not null)
            .ToArray();
        string Id(int index) => $"{control.Name}-{index}";
        return control.Type switch
        {
            RectangleLabelsConverter.TagType => kept.Select(d => RectangleLabelsConverter.ToResult(control, Image.Name, size,
                new DetectedRegion(Id(d.Index), Pixels(d.Detection.Corners()), d.Label!, d.Detection.Score))).ToArray(),
            PolygonLabelsConverter.TagType => kept.Where(d => d.Detection.Polygon is { Count: >= 3 }).Select(d => PolygonLabelsConverter.ToResult(control, Image.Name, size,
                new DetectedRegion(Id(d.Index), Pixels(d.Detection.Polygon!), d.Label!, d.Detection.Score))).ToArray(),
            BrushLabelsConverter.TagType => kept.Where(d => d.Detection.Mask is { Area: > 0 }).Select(d =>
                BrushLabelsConverter.FromMask(control, Image.Name, size, Id(d.Index), d.Label!, d.Detection.Score, d.Detection.Mask!.Pixels)).ToArray(),
            KeyPointLabelsConverter.TagType => KeyPointLabelsConverter.ToResults(control, Image.Name, size, kept.Select(d => new DetectedPose(
                new PixelPoint(d.Detection.X1, d.Detection.Y1), new PixelPoint(d.Detection.X2, d.Detection.Y2), names[d.Detection.ClassId], d.Detection.Score,
                (d.Detection.Keypoints ?? []).Select(k => new PoseKeypoint(k.X, k.Y, k.Confidence)).ToArray())).ToArray(), companion),
            _ => [],
        };
    }

    private static PixelPoint[] Pixels(IEnumerable<System.Numerics.Vector2> points) => points.Select(p => new PixelPoint(p.X, p.Y)).ToArray();
}
