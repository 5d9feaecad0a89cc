namespace Prelabel.Inference.Yolo;

/// <summary>What a classifier's output row holds, and so what turns it into class probabilities (sidecar "output").</summary>
public enum ClassifierOutput
{
    /// <summary>Scores of one-of-N classes before a softmax (timm and torchvision exports): softmaxed.</summary>
    Logits,

    /// <summary>Already probabilities (Ultralytics classify exports end in a softmax): used as they are.</summary>
    Probabilities,

    /// <summary>Multi-label logits, one independent yes/no per class: each passed through a sigmoid, never softmaxed.</summary>
    Sigmoid,
}
