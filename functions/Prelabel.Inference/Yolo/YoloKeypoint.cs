namespace Prelabel.Inference.Yolo;

/// <summary>One pose keypoint in original-image pixels; Confidence is the model's visibility score (1 when the model has none).</summary>
public readonly record struct YoloKeypoint(float X, float Y, float Confidence);
