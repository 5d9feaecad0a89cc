namespace Prelabel.Inference.Ocr;

/// <summary>DB post-processing settings; the defaults are PaddleOCR's, checked against the v4 detector.</summary>
public sealed record TextDetectionOptions
{
    /// <summary>Map pixels with probability above this are text.</summary>
    public float BinaryThreshold { get; init; } = 0.3f;

    /// <summary>Components whose mean probability is not above this are dropped.</summary>
    public float BoxThreshold { get; init; } = 0.6f;

    /// <summary>Each side moves out by Area × UnclipRatio / Perimeter of the fitted rectangle (DB predicts shrunk text kernels).</summary>
    public float UnclipRatio { get; init; } = 1.5f;

    /// <summary>Shorter side, in map pixels, below which a rectangle is dropped (before growing; after growing the limit is MinSize + 2).</summary>
    public float MinSize { get; init; } = 3f;

    /// <summary>At most this many components are scored and grown; specks smaller than MinSize do not count.</summary>
    public int MaxCandidates { get; init; } = 1000;

    /// <summary>Lines whose centres differ vertically by less than this fraction of the row's first line height share a row.</summary>
    public float SameRowTolerance { get; init; } = 0.5f;

    internal void Validate()
    {
        if (!(BinaryThreshold is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BinaryThreshold), BinaryThreshold, "Must be in [0, 1).");
        }

        if (!(BoxThreshold is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BoxThreshold), BoxThreshold, "Must be in [0, 1).");
        }

        if (!(UnclipRatio >= 0) || float.IsInfinity(UnclipRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(UnclipRatio), UnclipRatio, "Must be zero or positive.");
        }

        if (!(MinSize >= 0) || float.IsInfinity(MinSize))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSize), MinSize, "Must be zero or positive.");
        }

        if (MaxCandidates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCandidates), MaxCandidates, "Must be at least 1.");
        }

        if (!(SameRowTolerance >= 0) || float.IsInfinity(SameRowTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(SameRowTolerance), SameRowTolerance, "Must be zero or positive.");
        }
    }
}
