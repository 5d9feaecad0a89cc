using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Converters;

/// <summary>Choices results: the whole image's classes. No geometry, so no image size either.</summary>
public static class ChoicesConverter
{
    public const string TagType = "Choices";

    /// <summary>
    /// The choices picked from class probabilities (model class name → 0..1) by the control's choice attribute and
    /// label map, or null when nothing the config knows reaches <paramref name="threshold"/>.
    /// </summary>
    public static JsonObject? ToResult(ControlTag control, string toName, string id, IReadOnlyDictionary<string, double> probabilities, double threshold)
    {
        if (ClassSelection.Select(control, probabilities, threshold) is not (var labels, var score)) return null;
        // Two labels may share an alias; the editor stores a choice once.
        var values = labels.Select(l => l.ResultValue).Distinct(StringComparer.Ordinal).Select(v => (JsonNode)v).ToArray();
        return ClassificationJson.Create(id, control, toName, score, new JsonObject { [control.ResultType] = new JsonArray(values) });
    }
}
