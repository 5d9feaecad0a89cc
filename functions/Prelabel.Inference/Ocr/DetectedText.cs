namespace Prelabel.Inference.Ocr;

/// <summary>A text line found by the detector: its box in map pixel-edge coordinates and the mean map probability of its pixels (0..1).</summary>
public sealed record DetectedText(Quad Box, float Score);
