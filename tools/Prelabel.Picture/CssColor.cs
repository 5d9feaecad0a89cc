using System.Globalization;
using Prelabel.Imaging;

namespace Prelabel.Picture;

/// <summary>The colour notations a labeling config's background attribute uses: #rgb, #rrggbb(aa), rgb()/rgba() and common names.</summary>
internal static class CssColor
{
    private static readonly Dictionary<string, RgbColor> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = new(0, 0, 0), ["white"] = new(255, 255, 255), ["red"] = new(255, 0, 0), ["green"] = new(0, 128, 0),
        ["lime"] = new(0, 255, 0), ["blue"] = new(0, 0, 255), ["yellow"] = new(255, 255, 0), ["orange"] = new(255, 165, 0),
        ["purple"] = new(128, 0, 128), ["pink"] = new(255, 192, 203), ["brown"] = new(165, 42, 42), ["gray"] = new(128, 128, 128),
        ["grey"] = new(128, 128, 128), ["cyan"] = new(0, 255, 255), ["aqua"] = new(0, 255, 255), ["magenta"] = new(255, 0, 255),
        ["fuchsia"] = new(255, 0, 255), ["navy"] = new(0, 0, 128), ["teal"] = new(0, 128, 128), ["olive"] = new(128, 128, 0),
        ["maroon"] = new(128, 0, 0), ["silver"] = new(192, 192, 192), ["gold"] = new(255, 215, 0), ["violet"] = new(238, 130, 238),
        ["indigo"] = new(75, 0, 130), ["coral"] = new(255, 127, 80), ["salmon"] = new(250, 128, 114), ["tomato"] = new(255, 99, 71),
        ["crimson"] = new(220, 20, 60), ["orchid"] = new(218, 112, 214), ["khaki"] = new(240, 230, 140), ["turquoise"] = new(64, 224, 208),
    };

    public static bool TryParse(string? text, out RgbColor color)
    {
        color = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (Names.TryGetValue(text, out color)) return true;
        if (text.StartsWith('#')) return TryHex(text[1..], out color);
        if (text.StartsWith("rgb", StringComparison.OrdinalIgnoreCase) && text.IndexOf('(') is > 0 and var open && text.EndsWith(')'))
        {
            string[] parts = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length is not (3 or 4)) return false;
            var channels = new byte[3];
            for (int i = 0; i < 3; i++)
            {
                if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out channels[i])) return false;
            }
            color = new RgbColor(channels[0], channels[1], channels[2]);
            return true;
        }
        return false;
    }

    private static bool TryHex(string hex, out RgbColor color)
    {
        color = default;
        if (hex.Length is 3 or 4) hex = string.Concat(hex[..3].Select(c => $"{c}{c}"));
        if (hex.Length is not (6 or 8) || !uint.TryParse(hex[..6], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint rgb)) return false;
        color = new RgbColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }
}
