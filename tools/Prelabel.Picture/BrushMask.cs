namespace Prelabel.Picture;

/// <summary>A decoded brush RLE: the mask at the size Label Studio encoded it (original_width x original_height).</summary>
internal sealed record BrushMask(byte[] Pixels, int Width, int Height);
