namespace Prelabel.LabelStudio.Predictions;

/// <summary>A point in pixels of the original (EXIF-oriented) image, origin top-left, y down.</summary>
public readonly record struct PixelPoint(double X, double Y);
