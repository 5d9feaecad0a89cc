namespace Prelabel.Inference.Yolo;

/// <summary>What an Ultralytics model predicts: the "task" value of its metadata.</summary>
public enum YoloTask
{
    Detect,
    Segment,
    Pose,
    Obb,
    Classify,
}
