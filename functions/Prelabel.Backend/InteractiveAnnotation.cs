using System.Text.Json.Nodes;
using Prelabel.Inference;
using Prelabel.Inference.Models;
using Prelabel.Inference.Yolo;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.LabelStudio.Predictions;
using Prelabel.Onnx;

namespace Prelabel.Backend;

/// <summary>
/// Interactive pre-annotation: params.context holds boxes the annotator just drew. A box drawn with a control whose
/// model_path is a classifier gets that classifier's label for the crop; any other box gets the text inside it in the
/// config's TextArea, sharing the box's id (as upstream's OCR example answers). Each box comes back with the result.
/// </summary>
public sealed class InteractiveAnnotation(ITextReader reader, ModelRegistry registry, BackendOptions options)
{
    /// <summary>The drawn boxes: rectangle results with percent geometry and the image size they were drawn on.</summary>
    public static IReadOnlyList<JsonObject> DrawnBoxes(JsonObject? context) =>
        (context?["result"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => Text(r["type"]) is "rectanglelabels" or "rectangle" && r["value"] is JsonObject v && v["x"] is not null && v["width"] is not null)
            .ToArray();

    public (Prediction Prediction, StageTimings Timings) Predict(LabelingConfig config, ObjectTag image, IReadOnlyList<JsonObject> drawn, byte[] bytes, CancellationToken cancellationToken)
    {
        var results = new List<JsonObject>();
        var scores = new List<double>();
        var timings = StageTimings.None;
        for (var i = 0; i < drawn.Count; i++)
        {
            var box = drawn[i].DeepClone().AsObject();
            box["id"] ??= $"drawn-{i}";
            var control = config.FindControl(Text(box["from_name"]) ?? "");
            var (score, stages) = Classifier(control) is { } classifier
                ? Classify(control!, classifier, box, bytes, cancellationToken)
                : Transcribe(config, image, box, bytes, results, cancellationToken);
            results.Add(box);
            scores.Add(score);
            timings = new StageTimings(timings.Decode + stages.Decode, timings.Preprocess + stages.Preprocess,
                timings.Inference + stages.Inference, timings.Postprocess + stages.Postprocess);
        }
        return (new Prediction(results, Math.Clamp(scores.Average(), 0, 1)), timings);
    }

    private YoloModel? Classifier(ControlTag? control)
    {
        if (control is not { Type: RectangleLabelsConverter.TagType, ModelPath: not null }) return null;
        try
        {
            var model = registry.Resolve(control.ModelPath, YoloTask.Classify, $"<{control.Type} name=\"{control.Name}\">");
            return model.Metadata.Task == YoloTask.Classify ? model : null;
        }
        catch (Exception e) when (e is ModelNotAvailableException or OnnxModelException)
        {
            throw BackendException.ConfigMismatch(e.Message);
        }
    }

    /// <summary>The box's label becomes the most probable class its control maps.</summary>
    private (double Score, StageTimings Timings) Classify(ControlTag control, YoloModel model, JsonObject box, byte[] bytes, CancellationToken ct)
    {
        var prediction = model.Predict(bytes, new YoloOptions(MaxImagePixels: options.MaxImagePixels), ct, Area(box));
        var labels = LabelMap.Build(control, model.Metadata.Names);
        var best = model.Metadata.Names.Select((name, i) => (name, p: (double)prediction.ClassProbabilities![i]))
            .Where(c => labels.ContainsKey(c.name)).OrderByDescending(c => c.p).FirstOrDefault();
        if (best.name is null)
            throw BackendException.ConfigMismatch($"<{control.Type} name=\"{control.Name}\"> has no label for any class of {Path.GetFileName(model.Path)}.");
        box["value"]![control.ResultType] = new JsonArray(labels[best.name]);
        box["score"] = best.p;
        return (Certainty.Of(prediction.ClassProbabilities!.Select(p => (double)p).ToArray(), options.PredictionScore), prediction.Timings);
    }

    /// <summary>The text inside the box goes to the per-region TextAreas (else the first TextArea) under the box's id.</summary>
    private (double Score, StageTimings Timings) Transcribe(LabelingConfig config, ObjectTag image, JsonObject box, byte[] bytes, List<JsonObject> results, CancellationToken ct)
    {
        var textAreas = config.Controls.Where(c => c.Type == TextAreaConverter.TagType && c.ToName.Contains(image.Name) && !c.ModelSkip).ToArray();
        if (textAreas.Length == 0)
            throw BackendException.ConfigMismatch(
                $"Interactive pre-annotation reads the text inside a drawn box into a <TextArea toName=\"{image.Name}\" perRegion=\"true\">, " +
                "or classifies the box with the model_path of its <RectangleLabels>; the config has neither.");
        var page = reader.Read(bytes, Area(box), ct);
        var text = string.Join(" ", page.Lines.Select(l => l.Text).Where(t => t.Length > 0));
        results.AddRange(textAreas.Where(t => t.PerRegion).DefaultIfEmpty(textAreas[0]).Select(t => TextAreaConverter.ToRegionResult(t, box, text)));
        return (page.Lines.Count > 0 ? Certainty.Of(page.Lines.Average(l => l.Score), options.PredictionScore) : 0, page.Timings);
    }

    private static PixelArea Area(JsonObject box)
    {
        if (box["original_width"] is null || box["original_height"] is null)
            throw BackendException.BadRequest("A drawn box in params.context has no original_width/original_height, so its percent geometry cannot be placed on the image.");
        var (width, height) = (Number(box, "original_width"), Number(box, "original_height"));
        var v = box["value"]!.AsObject();
        return new PixelArea((float)(Number(v, "x") * width / 100), (float)(Number(v, "y") * height / 100),
            (float)(Number(v, "width") * width / 100), (float)(Number(v, "height") * height / 100));
    }

    /// <summary>The sender shapes params.context; a field of the wrong type is the request's fault, not ours.</summary>
    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static double Number(JsonObject owner, string name) =>
        owner[name] is JsonValue v && v.TryGetValue<double>(out var number) && double.IsFinite(number) ? number
        : throw BackendException.BadRequest($"A drawn box in params.context has {name}={owner[name]?.ToJsonString() ?? "null"}, which is not a number.");
}
