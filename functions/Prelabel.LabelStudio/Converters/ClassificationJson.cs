using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Converters;

/// <summary>The fields of a whole-image result: like a region's, without the image size that only geometry needs.</summary>
internal static class ClassificationJson
{
    public static JsonObject Create(string id, ControlTag control, string toName, double score, JsonObject value) => new()
    {
        ["id"] = id,
        ["from_name"] = control.Name,
        ["to_name"] = toName,
        ["type"] = control.ResultType,
        ["value"] = value,
        ["score"] = Math.Clamp(score, 0, 1),
    };
}
