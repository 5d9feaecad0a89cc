namespace Prelabel.Inference.Yolo;

/// <summary>What a YOLO model found in one image.</summary>
/// <param name="Width">Original image width after EXIF orientation: the frame of every coordinate.</param>
/// <param name="Height">Original image height after EXIF orientation.</param>
/// <param name="Detections">Best first; empty for classifiers.</param>
/// <param name="ClassProbabilities">For classifiers, one probability per class name; null for the other tasks.</param>
public sealed record YoloPrediction(
    int Width,
    int Height,
    IReadOnlyList<YoloDetection> Detections,
    IReadOnlyList<float>? ClassProbabilities,
    StageTimings Timings);
