using System.Numerics;

namespace Prelabel.Inference;

/// <summary>
/// One line of text. Corners: pixels of the original image, clockwise from the top-left of the text's reading
/// direction. Scores are in [0, 1]: how sure the detector is that this is text, and how sure the recogniser is of its reading.
/// </summary>
public sealed record TextLine(IReadOnlyList<Vector2> Corners, string Text, float DetectionScore, float RecognitionScore)
{
    /// <summary>Both must hold for the line to be right, so the product is the line's confidence.</summary>
    public double Score => Math.Clamp((double)DetectionScore * RecognitionScore, 0, 1);
}
