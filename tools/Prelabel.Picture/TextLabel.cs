using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>One line of text on a filled box, readable over any picture.</summary>
internal sealed class TextLabel(string text, float size)
{
    private readonly SKFont font = PictureFont.For(text, size);

    private float Padding => MathF.Round(size / 6);

    /// <summary>Box size in pixels: the text's advance and line spacing plus the padding on every side.</summary>
    public (float Width, float Height) Size => (MathF.Ceiling(font.MeasureText(text)) + 2 * Padding, MathF.Ceiling(font.Spacing) + 2 * Padding);

    /// <summary>Draws the box with its top-left at (x, y).</summary>
    public void Draw(SKCanvas canvas, float x, float y, SKColor background)
    {
        var (width, height) = Size;
        using var fill = new SKPaint { Color = background };
        canvas.DrawRect(x, y, width, height, fill);
        using var ink = new SKPaint { Color = ContrastingText(background), IsAntialias = true };
        canvas.DrawText(text, x + Padding, y + Padding - font.Metrics.Ascent, font, ink);
    }

    public static SKColor ContrastingText(SKColor background) =>
        0.2126 * background.Red + 0.7152 * background.Green + 0.0722 * background.Blue >= 140 ? SKColors.Black : SKColors.White;
}
