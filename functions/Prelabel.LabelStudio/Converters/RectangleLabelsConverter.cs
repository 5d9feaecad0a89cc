using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>RectangleLabels results: x, y is the top-left corner of the unrotated box; rotation is clockwise degrees around it.</summary>
public static class RectangleLabelsConverter
{
    public const string TagType = "RectangleLabels";

    /// <summary>Below this many degrees a box is treated as upright, so near-horizontal lines stay easy to edit.</summary>
    private const double UprightDegrees = 0.5;

    public static JsonObject ToResult(ControlTag control, string toName, ImageSize size, DetectedRegion region)
    {
        var (x, y, width, height, rotation) = Box(region.Polygon);
        var value = new JsonObject
        {
            ["x"] = RegionJson.Percent(x, size.Width),
            ["y"] = RegionJson.Percent(y, size.Height),
            ["width"] = RegionJson.Percent(width, size.Width),
            ["height"] = RegionJson.Percent(height, size.Height),
            ["rotation"] = rotation,
            [control.ResultType] = new JsonArray(region.Label),
        };
        return RegionJson.Create(region.Id, control, toName, size, region.Score, value);
    }

    /// <summary>A quad (clockwise from top-left) becomes a rotated box; anything else its upright bounding box. Pixels and degrees in [0, 360).</summary>
    public static (double X, double Y, double Width, double Height, double Rotation) Box(IReadOnlyList<PixelPoint> polygon)
    {
        if (polygon.Count == 4)
        {
            var (p0, p1, p3) = (polygon[0], polygon[1], polygon[3]);
            var width = Math.Sqrt(Square(p1.X - p0.X) + Square(p1.Y - p0.Y));
            var height = Math.Sqrt(Square(p3.X - p0.X) + Square(p3.Y - p0.Y));
            var degrees = Math.Atan2(p1.Y - p0.Y, p1.X - p0.X) * 180 / Math.PI;
            var rotation = ((degrees % 360) + 360) % 360;
            if (Math.Min(rotation, 360 - rotation) >= UprightDegrees)
                return (p0.X, p0.Y, width, height, rotation);
        }
        var minX = polygon.Min(p => p.X);
        var minY = polygon.Min(p => p.Y);
        return (minX, minY, polygon.Max(p => p.X) - minX, polygon.Max(p => p.Y) - minY, 0);
    }

    private static double Square(double v) => v * v;
}
