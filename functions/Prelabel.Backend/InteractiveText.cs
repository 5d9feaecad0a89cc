using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.Backend;

/// <summary>
/// Interactive pre-annotation: params.context holds boxes the annotator just drew; each gets the text inside it in
/// the config's TextArea, sharing the box's id, and the box itself comes back unchanged (as upstream's OCR example does).
/// </summary>
public sealed class InteractiveText(ITextReader reader)
{
    /// <summary>The drawn boxes: rectangle results with percent geometry and the image size they were drawn on.</summary>
    public static IReadOnlyList<JsonObject> DrawnBoxes(JsonObject? context) =>
        (context?["result"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => (string?)r["type"] is "rectanglelabels" or "rectangle" && r["value"] is JsonObject v && v["x"] is not null && v["width"] is not null)
            .ToArray();

    public (Prediction Prediction, StageTimings Timings) Predict(LabelingConfig config, ObjectTag image, IReadOnlyList<JsonObject> drawn, byte[] bytes, CancellationToken cancellationToken)
    {
        var textAreas = config.Controls.Where(c => c.Type == TextAreaConverter.TagType && c.ToName.Contains(image.Name) && !c.ModelSkip).ToArray();
        if (textAreas.Length == 0)
            throw BackendException.ConfigMismatch($"Interactive pre-annotation reads the text inside a drawn box into a <TextArea toName=\"{image.Name}\" perRegion=\"true\">; the config has none.");
        var targets = textAreas.Where(t => t.PerRegion).DefaultIfEmpty(textAreas[0]).ToArray();

        var results = new List<JsonObject>();
        var scores = new List<double>();
        var timings = StageTimings.None;
        for (var i = 0; i < drawn.Count; i++)
        {
            var box = drawn[i].DeepClone().AsObject();
            box["id"] ??= $"drawn-{i}";
            var page = reader.Read(bytes, Area(box), cancellationToken);
            timings = new StageTimings(timings.Decode + page.Timings.Decode, timings.Preprocess + page.Timings.Preprocess,
                timings.Inference + page.Timings.Inference, timings.Postprocess + page.Timings.Postprocess);
            var text = string.Join(" ", page.Lines.Select(l => l.Text).Where(t => t.Length > 0));
            scores.Add(page.Lines.Count > 0 ? page.Lines.Average(l => l.Score) : 0);
            results.AddRange(targets.Select(t => TextAreaConverter.ToRegionResult(t, box, text)));
            results.Add(box);
        }
        return (new Prediction(results, Math.Clamp(scores.Average(), 0, 1)), timings);
    }

    private static PixelArea Area(JsonObject box)
    {
        if (box["original_width"] is null || box["original_height"] is null)
            throw BackendException.BadRequest("A drawn box in params.context has no original_width/original_height, so its percent geometry cannot be placed on the image.");
        var (width, height) = ((double)box["original_width"]!, (double)box["original_height"]!);
        var v = box["value"]!;
        return new PixelArea((float)((double)v["x"]! * width / 100), (float)((double)v["y"]! * height / 100),
            (float)((double)v["width"]! * width / 100), (float)((double)v["height"]! * height / 100));
    }
}
