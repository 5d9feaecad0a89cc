namespace Prelabel.Inference.Yolo;

/// <summary>
/// Greedy class-aware non-maximum suppression, as torchvision's batched_nms that Ultralytics uses: best score first,
/// a box is dropped when it overlaps an already kept box of the same class by more than the IoU threshold.
/// Oriented boxes (with Rotation) are compared by the exact area of their intersecting polygons.
/// </summary>
public static class NonMaxSuppression
{
    /// <returns>Indices into <paramref name="boxes"/> of the kept boxes, best score first.</returns>
    public static IReadOnlyList<int> Select(IReadOnlyList<YoloDetection> boxes, float iouThreshold, int maxDetections)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var order = Enumerable.Range(0, boxes.Count).OrderByDescending(i => boxes[i].Score).ToArray();
        var kept = new List<int>(Math.Min(maxDetections, boxes.Count));
        foreach (var candidate in order)
        {
            if (kept.Count >= maxDetections)
            {
                break;
            }

            var box = boxes[candidate];
            if (!kept.Exists(k => boxes[k].ClassId == box.ClassId && Iou(boxes[k], box) > iouThreshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    public static float Iou(YoloDetection a, YoloDetection b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        float intersection;
        if (a.Rotation is null && b.Rotation is null)
        {
            var width = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
            var height = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
            intersection = width > 0 && height > 0 ? width * height : 0;
        }
        else
        {
            intersection = ConvexPolygon.IntersectionArea(a.Corners(), b.Corners());
        }

        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
