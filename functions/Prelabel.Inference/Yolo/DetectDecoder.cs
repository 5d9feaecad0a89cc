using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Boxes from a detection head: Ultralytics v8/11 [1, 4 + classes, anchors] (cx, cy, w, h in input pixels, then class
/// scores), or YOLOv5 [1, anchors, 5 + classes] whose objectness at channel 4 gates and multiplies the class scores.
/// </summary>
public static class DetectDecoder
{
    public static IReadOnlyList<YoloDetection> Decode(FloatOutput output, int classCount, InputFrame frame, YoloOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = IsYolov5(output.Shape, classCount)
            ? OutputView.Of(output, 5 + classCount, "YOLOv5: cx, cy, w, h, objectness, classes").Candidates(5, classCount, options.Confidence, objectness: 4)
            : OutputView.Of(output, 4 + classCount, "cx, cy, w, h, classes").Candidates(4, classCount, options.Confidence);
        var boxes = candidates.ConvertAll(c => c.Box);
        return NonMaxSuppression.Select(boxes, options.Iou, options.MaxDetections).Select(i => frame.ToOriginal(boxes[i])).ToArray();
    }

    // A v8 head has 4 + classes channels, so 5 + classes on either axis only fits v5 (whose anchors are the middle axis).
    private static bool IsYolov5(long[] shape, int classCount) =>
        shape.Length == 3 && shape[1] != 4 + classCount && shape[2] != 4 + classCount && (shape[2] == 5 + classCount || shape[1] == 5 + classCount);
}
