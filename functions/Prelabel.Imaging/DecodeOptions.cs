namespace Prelabel.Imaging;

/// <summary>Limits and size hints for <see cref="ImageDecoder.Decode"/>.</summary>
/// <param name="MaxPixels">Largest full-resolution width*height accepted; checked from the header before any pixel buffer exists (decompression bombs).</param>
/// <param name="TargetSize">Longer side (pixels) the caller will shrink to anyway. JPEGs are then decoded with DCT scaling to the smallest k/8 size whose longer side is still at least this; null decodes at full size.</param>
public sealed record DecodeOptions(long MaxPixels = 100_000_000, int? TargetSize = null)
{
    public static DecodeOptions Default { get; } = new();
}
