using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

/// <summary>
/// The controls of one &lt;Image&gt; that the text reader fills: RectangleLabels and PolygonLabels whose labels map
/// the model class "text", and TextArea (per region, or one text for the whole image).
/// </summary>
public sealed class OcrControls(ObjectTag image, ITextReader reader, PredictionScore score = PredictionScore.Confidence) : IImagePlan
{
    /// <summary>The one class the text detector knows; a label reaches it by name or predicted_values.</summary>
    public const string TextClass = "text";

    private readonly List<(ControlTag Control, string Label, double Threshold)> _shapes = [];
    private readonly List<(ControlTag Control, double Threshold)> _texts = [];

    public ObjectTag Image { get; } = image;

    public string ModelVersion => reader.ModelVersion;

    /// <summary>Per-region texts need a region to belong to; a plain TextArea is enough on its own.</summary>
    public bool Usable => _shapes.Count > 0 || _texts.Any(t => !t.Control.PerRegion);

    /// <summary>Whether a RectangleLabels / PolygonLabels control has a label for text.</summary>
    public static bool WantsText(ControlTag control) => LabelMap.Build(control, [TextClass]).ContainsKey(TextClass);

    public void AddShape(ControlTag control, double threshold) =>
        _shapes.Add((control, LabelMap.Build(control, [TextClass])[TextClass], threshold));

    public void AddText(ControlTag control, double threshold) => _texts.Add((control, threshold));

    public (IReadOnlyList<JsonObject> Results, IReadOnlyList<double> Scores, StageTimings Timings) Predict(byte[] image, CancellationToken cancellationToken)
    {
        var page = reader.Read(image, cancellationToken: cancellationToken);
        var prediction = ToPrediction(page);
        return (prediction.Result, ScoredRegions(prediction.Result).Select(r => Certainty.Of((double)r["score"]!, score)).ToArray(), page.Timings);
    }

    /// <summary>Regions for each kept line, their per-region texts, and whole-image texts; the task score is the mean region score.</summary>
    public Prediction ToPrediction(TextPage page)
    {
        var size = new ImageSize(page.Width, page.Height);
        var results = new List<JsonObject>();
        foreach (var (control, label, threshold) in _shapes)
        {
            var converter = control.Type == PolygonLabelsConverter.TagType
                ? (Func<ControlTag, string, ImageSize, DetectedRegion, JsonObject>)PolygonLabelsConverter.ToResult
                : RectangleLabelsConverter.ToResult;
            for (var i = 0; i < page.Lines.Count; i++)
            {
                var line = page.Lines[i];
                if (line.Score < threshold) continue;
                var region = converter(control, Image.Name, size, new DetectedRegion($"{control.Name}-{i}", Corners(line), label, line.Score));
                results.Add(region);
                if (line.Text.Length == 0) continue;
                foreach (var (text, _) in _texts.Where(t => t.Control.PerRegion))
                    results.Add(TextAreaConverter.ToRegionResult(text, region, line.Text));
            }
        }
        foreach (var (control, threshold) in _texts.Where(t => !t.Control.PerRegion))
        {
            var lines = page.Lines.Where(l => l.Score >= threshold && l.Text.Length > 0).ToArray();
            if (lines.Length > 0)
                results.Add(TextAreaConverter.ToImageResult(control, Image.Name, size, control.Name, lines.Select(l => l.Text).ToArray(), lines.Average(l => l.Score)));
        }
        return new Prediction(results, Prediction.MeanScore(ScoredRegions(results)));
    }

    // Per-region texts repeat their region's score; count each line once.
    private static IReadOnlyList<JsonObject> ScoredRegions(IReadOnlyList<JsonObject> results)
    {
        var regions = results.Where(r => (string?)r["type"] != "textarea").ToArray();
        return regions.Length > 0 ? regions : results;
    }

    private static PixelPoint[] Corners(TextLine line) => line.Corners.Select(c => new PixelPoint(c.X, c.Y)).ToArray();
}
