using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>PolygonLabels results: closed polygons as [x%, y%] points.</summary>
public static class PolygonLabelsConverter
{
    public const string TagType = "PolygonLabels";

    public static JsonObject ToResult(ControlTag control, string toName, ImageSize size, DetectedRegion region)
    {
        var points = new JsonArray(region.Polygon
            .Select(p => (JsonNode)new JsonArray(RegionJson.Percent(p.X, size.Width), RegionJson.Percent(p.Y, size.Height)))
            .ToArray());
        var value = new JsonObject
        {
            ["points"] = points,
            ["closed"] = true,
            [control.ResultType] = new JsonArray(region.Label),
        };
        return RegionJson.Create(region.Id, control, toName, size, region.Score, value);
    }
}
