namespace Prelabel.Inference.Ocr;

/// <summary>What the recogniser's output rows hold.</summary>
public enum CtcInput
{
    /// <summary>Probabilities if every row is non-negative and sums to 1 within 1e-3 (PaddleOCR v4 ends with softmax), logits otherwise.</summary>
    Auto,

    /// <summary>Each row already sums to 1.</summary>
    Probabilities,

    /// <summary>Unnormalised scores; a softmax is applied per row.</summary>
    Logits,
}
