using Prelabel.Inference;
using Prelabel.Inference.Models;
using Prelabel.Inference.Yolo;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using Prelabel.Onnx;

namespace Prelabel.Backend;

/// <summary>
/// Decides which model fills each control of a labeling config, as label-studio-ml-backend's YOLO example does
/// per control tag: model_path or the task's default model, the OCR model for text labels and TextArea.
/// </summary>
public sealed class ControlPlanner(ITextReader reader, ModelRegistry registry, LearnedStates states, BackendOptions options)
{
    /// <summary>
    /// The plans that have something to fill; a config with no control tags at all asks for nothing. The project
    /// selects what its Choices controls learned from annotations.
    /// </summary>
    public IReadOnlyList<IImagePlan> Plan(LabelingConfig config, long? project = null)
    {
        var ocr = new Dictionary<string, OcrControls>();
        var yolo = new Dictionary<(string, string), YoloControls>();
        var embeddings = new Dictionary<(string, string), EmbeddingControls>();
        var refused = new List<string>();
        foreach (var control in config.Controls.Where(c => !c.ModelSkip))
        {
            var image = control.ToName.Select(config.FindObject).FirstOrDefault(o => o is { IsImage: true });
            var reason = image is null
                ? $"<{control.Type} name=\"{control.Name}\"> (toName \"{string.Join(",", control.ToName)}\" is not an <Image>)"
                : Assign(config, control, image, ocr, yolo, embeddings, project);
            if (reason is not null) refused.Add(reason);
        }

        var plans = ocr.Values.Where(p => p.Usable).Cast<IImagePlan>().Concat(yolo.Values).Concat(embeddings.Values).ToList();
        if (plans.Count == 0 && config.Controls.Count > 0)
            throw BackendException.ConfigMismatch(
                "No suitable control tags. The OCR model fills <RectangleLabels> or <PolygonLabels> with a label for text " +
                "(<Label value=\"Text\"/> or predicted_values=\"text\") and <TextArea>; YOLO models in MODEL_DIR fill " +
                "<RectangleLabels>, <PolygonLabels>, <BrushLabels>, <KeyPointLabels>, <Choices> and <Taxonomy> through model_path or MODEL_DETECT / MODEL_SEGMENT / MODEL_POSE / MODEL_OBB / MODEL_CLASSIFY. " +
                (refused.Count > 0 ? "Not usable here: " + string.Join("; ", refused) + "." : "Every control has model_skip=\"true\"."));
        return plans;
    }

    private string? Assign(LabelingConfig config, ControlTag control, ObjectTag image, Dictionary<string, OcrControls> ocr,
        Dictionary<(string, string), YoloControls> yolo, Dictionary<(string, string), EmbeddingControls> embeddings, long? project)
    {
        var threshold = control.ScoreThreshold(options.ModelScoreThreshold);
        OcrControls Ocr() => ocr.TryGetValue(image.Name, out var p) ? p : ocr[image.Name] = new OcrControls(image, reader, options.PredictionScore);
        switch (control.Type)
        {
            case TextAreaConverter.TagType:
                Ocr().AddText(control, threshold);
                return null;
            case RectangleLabelsConverter.TagType or PolygonLabelsConverter.TagType
                when control.ModelPath is null && !control.GetBool("model_obb", false) && OcrControls.WantsText(control):
                Ocr().AddShape(control, threshold);
                return null;
            case RectangleLabelsConverter.TagType:
                return AddYolo(control, image, control.GetBool("model_obb", false) ? YoloTask.Obb : YoloTask.Detect, threshold, yolo);
            case PolygonLabelsConverter.TagType:
                return AddYolo(control, image, YoloTask.Segment, threshold, yolo);
            case BrushLabelsConverter.TagType:
                return AddYolo(control, image, YoloTask.Segment, threshold, yolo);
            case KeyPointLabelsConverter.TagType:
                return AddYolo(control, image, YoloTask.Pose, threshold, yolo, config.FindControl(KeyPointLabelsConverter.BboxControlName(control)));
            case ChoicesConverter.TagType or TaxonomyConverter.TagType:
                try
                {
                    if (registry.Embedding(control.ModelPath) is { } backbone)
                    {
                        var key = (image.Name, backbone.Path);
                        var plan = embeddings.TryGetValue(key, out var p) ? p : embeddings[key] = new EmbeddingControls(image, backbone, states, project, options);
                        plan.Add(control, threshold);
                        return null;
                    }
                }
                catch (Exception e) when (e is ModelNotAvailableException or OnnxModelException)
                {
                    return e.Message;
                }
                return AddYolo(control, image, YoloTask.Classify, threshold, yolo);
            default:
                return $"<{control.Type} name=\"{control.Name}\"> (no model fills {control.Type})";
        }
    }

    private string? AddYolo(ControlTag control, ObjectTag image, YoloTask task, double threshold, Dictionary<(string, string), YoloControls> plans, ControlTag? companion = null)
    {
        try
        {
            var model = registry.Resolve(control.ModelPath, task, $"<{control.Type} name=\"{control.Name}\">");
            var key = (image.Name, model.Path);
            var plan = plans.TryGetValue(key, out var p) ? p : new YoloControls(image, model, options);
            // Matching labels reads the model's classes, so a file ONNX Runtime cannot open is found here.
            var reason = plan.TryAdd(control, threshold, companion);
            if (reason is null) plans[key] = plan;
            return reason;
        }
        catch (Exception e) when (e is ModelNotAvailableException or OnnxModelException)
        {
            return e.Message;
        }
    }
}
