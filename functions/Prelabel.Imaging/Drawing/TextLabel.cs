namespace Prelabel.Imaging.Drawing;

/// <summary>One line of <see cref="BitmapFont"/> text on a filled box, readable over any picture.</summary>
public static class TextLabel
{
    /// <summary>Box size in pixels: the text plus a margin of one font pixel on every side.</summary>
    public static (int Width, int Height) Measure(string text, int scale)
    {
        var (width, height) = BitmapFont.Measure(text, scale);
        return (width + 2 * scale, height + 2 * scale);
    }

    /// <summary>Draws the box with its top-left at (x, y).</summary>
    public static void Draw(RgbImage image, string text, int x, int y, RgbColor foreground, RgbColor background, int scale)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = Measure(text, scale);
        image.Fill(background, x, y, width, height);
        BitmapFont.Draw(image, text, x + scale, y + scale, foreground, scale);
    }

    /// <summary>Black or white, whichever reads better on <paramref name="background"/> (relative luminance).</summary>
    public static RgbColor ContrastingText(RgbColor background) =>
        0.2126 * background.R + 0.7152 * background.G + 0.0722 * background.B >= 140 ? RgbColor.Black : RgbColor.White;
}
