using System.Globalization;
using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>
/// KeyPointLabels results with the YOLO example's conventions, so configs written for it work unchanged: each label names
/// a model class in predicted_values and a keypoint in model_index; the points of one pose hang off a hidden parent box.
/// </summary>
public static class KeyPointLabelsConverter
{
    public const string TagType = "KeyPointLabels";

    /// <summary>The parent boxes belong to a RectangleLabels control of this name; without it Label Studio rejects them.</summary>
    public static string BboxControlName(ControlTag control) => control.Name + "_bbox";

    /// <summary>model_point_size: the drawn point's width in pixels of the original image (default 1).</summary>
    public static double PointSize(ControlTag control) => control.GetDouble("model_point_size") ?? 1;

    /// <summary>model_point_threshold: points less confident than this are left out (default 0).</summary>
    public static double PointThreshold(ControlTag control) => control.GetDouble("model_point_threshold") ?? 0;

    /// <summary>model_add_bboxes: whether each pose gets its hidden parent box (default true).</summary>
    public static bool AddBboxes(ControlTag control) => control.GetBool("model_add_bboxes", true);

    /// <summary>
    /// "&lt;model class&gt;::&lt;keypoint index&gt;" → label result value, from each label's predicted_values and model_index.
    /// Every predicted_values token gets a key, so one label can serve the same keypoint of several classes.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PointMap(ControlTag control)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in control.Labels)
        {
            if (!label.Attributes.TryGetValue("model_index", out var text)) continue;
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new LabelingConfigException($"<Label value=\"{label.Value}\"> in <{control.Type} name=\"{control.Name}\"> has model_index=\"{text}\", which is not a keypoint index.");
            foreach (var modelClass in label.PredictedValues)
                map[Key(modelClass, index)] = label.ResultValue;
        }
        return map;
    }

    /// <summary>
    /// One keypointlabels region per mapped point at or above the point threshold, preceded by its pose's hidden parent box
    /// when model_add_bboxes is on and <paramref name="bboxControl"/> (see <see cref="BboxControlName"/>) maps the pose's class.
    /// Poses whose class no label names are left out. Callers drop poses below the score threshold first, as for other regions.
    /// </summary>
    public static IReadOnlyList<JsonObject> ToResults(ControlTag control, string toName, ImageSize size, IReadOnlyList<DetectedPose> poses, ControlTag? bboxControl)
    {
        var pointMap = PointMap(control);
        var threshold = PointThreshold(control);
        var pointWidth = Math.Clamp(PointSize(control) * 100.0 / size.Width, 0, 100);
        // A box under any other control would fail validation as rectanglelabels, so such a control counts as missing.
        var boxes = AddBboxes(control) && bboxControl is not null && bboxControl.Type.Equals(RectangleLabelsConverter.TagType, StringComparison.OrdinalIgnoreCase)
            ? bboxControl : null;
        var results = new List<JsonObject>();
        for (var i = 0; i < poses.Count; i++)
        {
            var pose = poses[i];
            var prefix = pose.ClassName + "::";
            if (!pointMap.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal))) continue;

            var groupId = $"bbox-{i}";
            string? parentId = null;
            if (boxes is not null && LabelMap.Build(boxes, [pose.ClassName]).TryGetValue(pose.ClassName, out var boxLabel))
            {
                results.Add(ParentBox(boxes, toName, size, groupId, pose, boxLabel));
                parentId = groupId;
            }

            for (var j = 0; j < pose.Keypoints.Count; j++)
            {
                var point = pose.Keypoints[j];
                if (point.Confidence < threshold || !pointMap.TryGetValue(Key(pose.ClassName, j), out var label)) continue;
                var value = new JsonObject
                {
                    ["x"] = RegionJson.Percent(point.X, size.Width),
                    ["y"] = RegionJson.Percent(point.Y, size.Height),
                    ["width"] = pointWidth,
                    [control.ResultType] = new JsonArray(label),
                };
                var region = RegionJson.Create($"{groupId}-point-{j}", control, toName, size, point.Confidence, value);
                // meta.text groups a pose's points even without a box, as the YOLO example does.
                region["meta"] = new JsonObject { ["text"] = new JsonArray(groupId) };
                if (parentId is not null) region["parentID"] = parentId;
                results.Add(region);
            }
        }
        return results;
    }

    private static JsonObject ParentBox(ControlTag bboxControl, string toName, ImageSize size, string id, DetectedPose pose, string label)
    {
        // Clipped to the image before converting, so x + width stays within 100 as well as each field.
        var left = Math.Clamp(Math.Min(pose.BoxTopLeft.X, pose.BoxBottomRight.X), 0, size.Width);
        var right = Math.Clamp(Math.Max(pose.BoxTopLeft.X, pose.BoxBottomRight.X), 0, size.Width);
        var top = Math.Clamp(Math.Min(pose.BoxTopLeft.Y, pose.BoxBottomRight.Y), 0, size.Height);
        var bottom = Math.Clamp(Math.Max(pose.BoxTopLeft.Y, pose.BoxBottomRight.Y), 0, size.Height);
        var value = new JsonObject
        {
            ["x"] = RegionJson.Percent(left, size.Width),
            ["y"] = RegionJson.Percent(top, size.Height),
            ["width"] = RegionJson.Percent(right - left, size.Width),
            ["height"] = RegionJson.Percent(bottom - top, size.Height),
            ["rotation"] = 0.0,
            [bboxControl.ResultType] = new JsonArray(label),
        };
        var box = RegionJson.Create(id, bboxControl, toName, size, pose.Score, value);
        // Hidden because annotators edit the points; the box only ties them together.
        box["hidden"] = true;
        box["meta"] = new JsonObject { ["text"] = new JsonArray(id) };
        return box;
    }

    private static string Key(string modelClass, int index) => $"{modelClass}::{index}";
}
