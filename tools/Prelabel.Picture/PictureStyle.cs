namespace Prelabel.Picture;

/// <summary>Line and text sizes that stay visible as pictures grow: fixed on small images, proportional on large ones.</summary>
internal sealed record PictureStyle(double Thickness, int TextScale)
{
    public const double AreaAlpha = 0.3;
    public const double BrushAlpha = 0.45;

    public static PictureStyle For(int width, int height)
    {
        int shorter = Math.Min(width, height);
        return new PictureStyle(Math.Max(2, Math.Round(shorter / 300.0)), Math.Max(2, shorter / 500));
    }

    /// <summary>Smallest keypoint radius, so a 1-pixel keypoint still shows.</summary>
    public double MinimumPointRadius => 2 * Thickness;
}
