namespace Prelabel.Inference;

/// <summary>What a text reader found. Width and Height are the original image size after EXIF orientation.</summary>
public sealed record TextPage(int Width, int Height, IReadOnlyList<TextLine> Lines, StageTimings Timings);
