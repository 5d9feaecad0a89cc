using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

/// <summary>
/// Which controls of a labeling config the text reader fills for one &lt;Image&gt;: RectangleLabels and PolygonLabels
/// whose labels map the model class "text", and TextArea (per region, or one text for the whole image).
/// </summary>
public sealed class OcrControls
{
    /// <summary>The one class the text detector knows; a label reaches it by name or predicted_values.</summary>
    public const string TextClass = "text";

    private readonly List<(ControlTag Control, string Label, double Threshold)> _shapes = [];
    private readonly List<(ControlTag Control, double Threshold)> _texts = [];

    private OcrControls(ObjectTag image) => Image = image;

    public ObjectTag Image { get; }

    /// <summary>One entry per image tag that has something to fill; a config with no control tags at all asks for nothing.</summary>
    public static IReadOnlyList<OcrControls> For(LabelingConfig config, double defaultThreshold)
    {
        var plans = new Dictionary<string, OcrControls>();
        var refused = new List<string>();
        foreach (var control in config.Controls.Where(c => !c.ModelSkip))
        {
            var image = control.ToName.Select(config.FindObject).FirstOrDefault(o => o is { IsImage: true });
            if (image is null)
            {
                refused.Add($"<{control.Type} name=\"{control.Name}\"> (toName \"{string.Join(",", control.ToName)}\" is not an <Image>)");
                continue;
            }
            var plan = plans.TryGetValue(image.Name, out var p) ? p : plans[image.Name] = new OcrControls(image);
            if (control.Type is RectangleLabelsConverter.TagType or PolygonLabelsConverter.TagType)
            {
                if (LabelMap.Build(control, [TextClass]).TryGetValue(TextClass, out var label))
                    plan._shapes.Add((control, label, control.ScoreThreshold(defaultThreshold)));
                else
                    refused.Add($"<{control.Type} name=\"{control.Name}\"> (labels [{string.Join(", ", control.Labels.Select(l => l.Value))}]; none is \"Text\" or has predicted_values=\"text\")");
            }
            else if (control.Type == TextAreaConverter.TagType)
                plan._texts.Add((control, control.ScoreThreshold(defaultThreshold)));
            else
                refused.Add($"<{control.Type} name=\"{control.Name}\"> (the OCR model does not fill {control.Type})");
        }

        var usable = plans.Values.Where(p => p._shapes.Count > 0 || p._texts.Any(t => !t.Control.PerRegion)).ToList();
        if (usable.Count == 0 && config.Controls.Count > 0)
            throw BackendException.ConfigMismatch(
                "No suitable control tags for the OCR model. It fills <RectangleLabels> or <PolygonLabels> with a label for text " +
                "(<Label value=\"Text\"/> or predicted_values=\"text\"), with an optional <TextArea perRegion=\"true\"> for the transcription, " +
                "or a plain <TextArea>, all with toName pointing at an <Image>. " +
                (refused.Count > 0 ? "Not usable here: " + string.Join("; ", refused) + "." : "Every control has model_skip=\"true\"."));
        return usable;
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
        // Per-region texts repeat their region's score; count each line once.
        var regions = results.Where(r => (string?)r["type"] != "textarea").ToArray();
        return new Prediction(results, Prediction.MeanScore(regions.Length > 0 ? regions : results));
    }

    private static PixelPoint[] Corners(TextLine line) => line.Corners.Select(c => new PixelPoint(c.X, c.Y)).ToArray();
}
