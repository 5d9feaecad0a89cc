using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Converters;

/// <summary>
/// Taxonomy results: each picked node as its path from the root. Emitted as type "taxonomy"; the YOLO example's
/// "choices" for a Taxonomy fails Label Studio's validation.
/// </summary>
public static class TaxonomyConverter
{
    public const string TagType = "Taxonomy";

    /// <summary>
    /// The nodes picked from class probabilities (model class name → 0..1) as for Choices (the choice attribute, default
    /// single), or null when nothing the config knows reaches <paramref name="threshold"/>.
    /// </summary>
    public static JsonObject? ToResult(ControlTag control, string toName, string id, IReadOnlyDictionary<string, double> probabilities, double threshold)
    {
        if (ClassSelection.Select(control, probabilities, threshold) is not (var labels, var score)) return null;
        var paths = labels.Select(l => (JsonNode)new JsonArray(l.Path.Select(n => (JsonNode)n).ToArray())).ToArray();
        return ClassificationJson.Create(id, control, toName, score, new JsonObject { [control.ResultType] = new JsonArray(paths) });
    }
}
