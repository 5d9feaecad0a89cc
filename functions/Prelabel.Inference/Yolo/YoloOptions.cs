namespace Prelabel.Inference.Yolo;

/// <summary>How one prediction is made.</summary>
/// <param name="Confidence">Detections scoring at or below this are dropped before NMS (Ultralytics' conf).</param>
/// <param name="Iou">Same-class boxes overlapping a better one by more than this are suppressed (Ultralytics' iou).</param>
/// <param name="MaxDetections">Most detections kept per image, best first (Ultralytics' max_det).</param>
/// <param name="MaxImagePixels">Images with more pixels are refused before decoding.</param>
/// <param name="Masks">Build a full-size mask per segment detection; they are large, so only when a BrushLabels control asks.</param>
public sealed record YoloOptions(
    float Confidence = 0.25f,
    float Iou = 0.7f,
    int MaxDetections = 300,
    long MaxImagePixels = 100_000_000,
    bool Masks = false)
{
    public static YoloOptions Default { get; } = new();
}
