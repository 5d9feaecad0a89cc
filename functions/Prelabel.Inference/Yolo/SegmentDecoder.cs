using Prelabel.Onnx;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Boxes with masks from a segmentation head: output0 [1, 4 + classes + M, anchors] (box, class scores, M mask
/// coefficients) and output1 [1, M, h, w] mask prototypes covering the whole input at 1/4 resolution.
/// Each mask is cropped to its box; every detection gets its outline, the full-size bitmap only on request.
/// </summary>
public static class SegmentDecoder
{
    /// <summary>Douglas-Peucker tolerance in input pixels: removes the staircase of a traced outline, keeps its shape.</summary>
    public const float PolygonTolerance = 1f;

    public static IReadOnlyList<YoloDetection> Decode(FloatOutput output, FloatOutput prototypes, int classCount, InputFrame frame, YoloOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(options);
        if (prototypes.Shape is not [1, var maskDim, var height, var width])
        {
            throw new InvalidDataException($"Mask prototypes must be [1, M, h, w], not [{string.Join(", ", prototypes.Shape)}].");
        }

        var first = 4 + classCount;
        var view = OutputView.Of(output, first + (int)maskDim, $"cx, cy, w, h, classes, {maskDim} mask coefficients");
        var candidates = view.Candidates(4, classCount, options.Confidence);
        var boxes = candidates.ConvertAll(c => c.Box);
        var kept = NonMaxSuppression.Select(boxes, options.Iou, options.MaxDetections);
        var detections = new List<YoloDetection>(kept.Count);
        var coefficients = new float[maskDim];
        foreach (var i in kept)
        {
            for (var k = 0; k < coefficients.Length; k++)
            {
                coefficients[k] = view[candidates[i].Anchor, first + k];
            }

            var mask = new ProtoMask(prototypes.Values, (int)width, (int)height, coefficients, frame);
            var detection = frame.ToOriginal(boxes[i]);
            detections.Add(detection with
            {
                Polygon = mask.Polygon(boxes[i], frame, PolygonTolerance),
                Mask = options.Masks ? mask.Render(detection, frame) : null,
            });
        }

        return detections;
    }
}
