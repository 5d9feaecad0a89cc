namespace Prelabel.LabelStudio.Predictions;

/// <summary>
/// A region a model found, in the model's terms but already mapped to a config label.
/// Polygon: pixels of the original image, clockwise from the top-left corner; four points for a (rotated) box.
/// </summary>
public sealed record DetectedRegion(string Id, IReadOnlyList<PixelPoint> Polygon, string Label, double Score);
