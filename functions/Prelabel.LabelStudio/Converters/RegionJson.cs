using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>The fields every image result shares (contract: from_name, to_name, type, value, sizes, score).</summary>
internal static class RegionJson
{
    public static JsonObject Create(string id, ControlTag control, string toName, ImageSize size, double? score, JsonObject value)
    {
        var region = new JsonObject
        {
            ["id"] = id,
            ["from_name"] = control.Name,
            ["to_name"] = toName,
            ["type"] = control.ResultType,
            ["original_width"] = size.Width,
            ["original_height"] = size.Height,
            ["image_rotation"] = 0,
            ["value"] = value,
        };
        if (score is { } s) region["score"] = Math.Clamp(s, 0, 1);
        return region;
    }

    /// <summary>Percent of the original width or height, 0-100 (Label Studio rejects coordinates outside it).</summary>
    public static double Percent(double pixels, int extent) => Math.Clamp(pixels * 100.0 / extent, 0, 100);
}
