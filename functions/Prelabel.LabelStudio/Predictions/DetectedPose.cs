namespace Prelabel.LabelStudio.Predictions;

/// <summary>
/// A pose a model found: its box (corners in pixels of the original image), the model's own class name, the box score,
/// and its keypoints in the model's keypoint order, which model_index on a config label refers to.
/// </summary>
public sealed record DetectedPose(PixelPoint BoxTopLeft, PixelPoint BoxBottomRight, string ClassName, double Score, IReadOnlyList<PoseKeypoint> Keypoints);
