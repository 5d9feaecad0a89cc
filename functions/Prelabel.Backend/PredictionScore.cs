namespace Prelabel.Backend;

/// <summary>
/// PREDICTION_SCORE: what a prediction's score measures. Every mode gives a certainty in [0, 1], so sorting tasks by
/// prediction score ascending in Label Studio Community puts the least certain first: uncertainty sampling
/// without Enterprise.
/// </summary>
public enum PredictionScore
{
    /// <summary>The model's own score (upstream's behaviour).</summary>
    Confidence,

    /// <summary>Top-1 minus top-2 probability; for a yes/no score p, the distance from the 0.5 boundary, |2p - 1|.</summary>
    Margin,

    /// <summary>1 minus the entropy of the class distribution (or of a yes/no score) divided by its maximum.</summary>
    Entropy,
}
