namespace Prelabel.Inference.Ocr;

/// <summary>
/// DB (differentiable binarisation) post-processing of a text detector's probability map, as PaddleOCR does it:
/// threshold, 8-connected components, minimum-area rectangle, score, grow ("unclip"), reading order.
/// Boxes are in map pixel-edge coordinates (pixel (x, y) covers [x, x+1) × [y, y+1)), so scaling to the source
/// image is a plain multiplication by imageSize / mapSize. Thread-safe: buffers are per call.
/// </summary>
public sealed class TextDetectionPostProcessor
{
    public TextDetectionPostProcessor(TextDetectionOptions? options = null)
    {
        Options = options ?? new TextDetectionOptions();
        Options.Validate();
    }

    public TextDetectionOptions Options { get; }

    /// <param name="probabilities">Row-major map of <paramref name="width"/> × <paramref name="height"/> values in 0..1 (the detector's [1,1,H,W] output).</param>
    public IReadOnlyList<DetectedText> Process(ReadOnlySpan<float> probabilities, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (probabilities.Length != (long)width * height)
        {
            throw new ArgumentException(
                $"The map has {probabilities.Length} values but {width} × {height} = {(long)width * height} were expected.",
                nameof(probabilities));
        }

        var found = new List<DetectedText>();
        using (var components = new ComponentScanner(probabilities, width, height, Options.BinaryThreshold))
        {
            var candidates = 0;
            while (components.Next(probabilities, out var hull, out var meanProbability))
            {
                var rectangle = MinAreaRectangle.FitHull(hull);
                if (rectangle.ShortSide < Options.MinSize)
                {
                    continue;
                }

                if (++candidates > Options.MaxCandidates)
                {
                    break;
                }

                if (meanProbability < Options.BoxThreshold)
                {
                    continue;
                }

                // A rectangle offset by d on every side is again a rectangle, so the re-fit PaddleOCR does after its
                // polygon offset is exactly this one.
                var grown = rectangle.Grow((float)(rectangle.Area * Options.UnclipRatio / rectangle.Perimeter));
                if (grown.ShortSide < Options.MinSize + 2)
                {
                    continue;
                }

                found.Add(new DetectedText(grown.ToQuad().ClipTo(width, height), meanProbability));
            }
        }

        return ReadingOrder.Sort(found, Options.SameRowTolerance);
    }
}
