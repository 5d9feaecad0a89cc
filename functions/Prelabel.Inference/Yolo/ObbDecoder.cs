using System.Numerics;
using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Oriented boxes from an OBB head [1, 4 + classes + 1, anchors]: cx, cy, w, h in input pixels, class scores, and last
/// the angle in radians. Results follow Label Studio's rotated rectangle (see <see cref="YoloDetection"/>).
/// </summary>
public static class ObbDecoder
{
    public static IReadOnlyList<YoloDetection> Decode(FloatOutput output, int classCount, InputFrame frame, YoloOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        var view = OutputView.Of(output, 4 + classCount + 1, "cx, cy, w, h, classes, angle");
        var candidates = view.Candidates(4, classCount, options.Confidence);
        var rotated = new List<RotatedBox>(candidates.Count);
        foreach (var (anchor, _) in candidates)
            rotated.Add(new RotatedBox(new Vector2(view[anchor, 0], view[anchor, 1]), view[anchor, 2], view[anchor, 3], view[anchor, 4 + classCount]));
        var boxes = candidates.Select((c, i) => rotated[i].ToDetection(c.Box.ClassId, c.Box.Score)).ToArray();
        return NonMaxSuppression.Select(boxes, options.Iou, options.MaxDetections)
            .Select(i => rotated[i].ToOriginal(frame).ToDetection(boxes[i].ClassId, boxes[i].Score))
            .ToArray();
    }
}
