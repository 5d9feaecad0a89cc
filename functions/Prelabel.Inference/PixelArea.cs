namespace Prelabel.Inference;

/// <summary>An upright rectangle in pixels of the original (EXIF-oriented) image.</summary>
public readonly record struct PixelArea(float X, float Y, float Width, float Height);
