namespace Prelabel.Picture;

/// <summary>Line and text sizes that stay visible as pictures grow: fixed on small images, proportional on large ones.</summary>
internal sealed record PictureStyle(float Thickness, float TextSize)
{
    public const float AreaAlpha = 0.3f;
    public const float BrushAlpha = 0.45f;

    public static PictureStyle For(int width, int height)
    {
        int shorter = Math.Min(width, height);
        return new PictureStyle(MathF.Max(2, MathF.Round(shorter / 300f)), MathF.Max(12, shorter / 50f));
    }

    /// <summary>Smallest keypoint radius, so a 1-pixel keypoint still shows.</summary>
    public float MinimumPointRadius => 2 * Thickness;
}
