namespace Prelabel.LabelStudio.Predictions;

/// <summary>One keypoint of a pose, in pixels of the original image, with the model's confidence that it is visible.</summary>
public readonly record struct PoseKeypoint(double X, double Y, double Confidence);
