namespace Prelabel.LabelStudio.Predictions;

/// <summary>The original image size in pixels, as the editor displays it; region percentages are relative to it.</summary>
public readonly record struct ImageSize(int Width, int Height);
