namespace Prelabel.Inference.Ocr;

/// <summary>Decoded text and its confidence: the mean probability of the kept time steps (0 when nothing was kept).</summary>
public sealed record RecognizedText(string Text, float Score);
