using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>DejaVu Sans, copied next to the tool from npm @fontsource/dejavu-sans, so labels look the same on every machine.</summary>
internal static class PictureFont
{
    private static readonly Lazy<SKTypeface> Loaded = new(Load);

    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>The font for <paramref name="text"/>: DejaVu Sans (Latin), or a font of the machine's that has the first
    /// character DejaVu's Latin subset lacks, when there is one.</summary>
    public static SKFont For(string text, float size)
    {
        var font = new SKFont(Typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        if (font.ContainsGlyphs(text)) return font;
        foreach (var rune in text.EnumerateRunes())
        {
            if (font.ContainsGlyph(rune.Value)) continue;
            if (SKFontManager.Default.MatchCharacter(rune.Value) is { } fallback) font.Typeface = fallback;
            break;
        }
        return font;
    }

    private static SKTypeface Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fonts", "DejaVuSans.woff");
        return SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"the label font {path} is missing: run scripts/install");
    }
}
