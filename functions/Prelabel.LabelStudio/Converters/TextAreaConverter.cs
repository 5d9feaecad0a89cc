using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>TextArea results. With perRegion="true" the text belongs to the region whose id it shares.</summary>
public static class TextAreaConverter
{
    public const string TagType = "TextArea";

    /// <summary>The region's text, carrying the region's id and geometry as the editor itself serializes per-region text.</summary>
    public static JsonObject ToRegionResult(ControlTag control, JsonObject region, string text)
    {
        var result = region.DeepClone().AsObject();
        var value = result["value"]!.AsObject();
        value.Remove((string?)region["type"] ?? "");
        value["text"] = new JsonArray(text);
        result["from_name"] = control.Name;
        result["type"] = control.ResultType;
        return result;
    }

    /// <summary>One text for the whole image, one line per array item.</summary>
    public static JsonObject ToImageResult(ControlTag control, string toName, ImageSize size, string id, IReadOnlyList<string> lines, double score) =>
        RegionJson.Create(id, control, toName, size, score, new JsonObject { ["text"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()) });
}
