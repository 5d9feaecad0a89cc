using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Boxes with keypoints from a pose head [1, 4 + classes + K·D, anchors]: cx, cy, w, h, class scores, then per
/// keypoint x, y in input pixels and (when D is 3) a visibility the export has already passed through a sigmoid.
/// </summary>
public static class PoseDecoder
{
    public static IReadOnlyList<YoloDetection> Decode(
        FloatOutput output, int classCount, (int Count, int Dimensions) keypointShape, InputFrame frame, YoloOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        var (count, dimensions) = keypointShape;
        var first = 4 + classCount;
        var view = OutputView.Of(output, first + count * dimensions, $"cx, cy, w, h, classes, {count}x{dimensions} keypoint values");
        var candidates = view.Candidates(4, classCount, options.Confidence);
        var boxes = candidates.ConvertAll(c => c.Box);
        var kept = NonMaxSuppression.Select(boxes, options.Iou, options.MaxDetections);
        var poses = new List<YoloDetection>(kept.Count);
        foreach (var i in kept)
        {
            var anchor = candidates[i].Anchor;
            var keypoints = new YoloKeypoint[count];
            for (var k = 0; k < count; k++)
            {
                var channel = first + k * dimensions;
                var point = frame.Clip(frame.ToOriginal(view[anchor, channel], view[anchor, channel + 1]));
                keypoints[k] = new YoloKeypoint(point.X, point.Y, dimensions == 3 ? view[anchor, channel + 2] : 1f);
            }

            poses.Add(frame.ToOriginal(boxes[i]) with { Keypoints = keypoints });
        }

        return poses;
    }
}
