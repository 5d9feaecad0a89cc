using System.Text;
using Prelabel.Imaging;
using Prelabel.LabelStudio.Config;

namespace Prelabel.Picture;

/// <summary>
/// One colour per label: the config's background attribute when it has one, else a colour picked by a hash of the label,
/// so the same label looks the same in every picture and on every run.
/// </summary>
internal sealed class LabelColors(LabelingConfig? config)
{
    public RgbColor For(string? controlName, string label)
    {
        var control = controlName is null ? null : config?.FindControl(controlName);
        var tag = control?.Labels.FirstOrDefault(l => l.ResultValue == label || l.Value == label);
        if (tag is not null && CssColor.TryParse(tag.Attributes.GetValueOrDefault("background"), out var configured)) return configured;
        return Hashed(label);
    }

    /// <summary>FNV-1a of the UTF-8 label picks a hue; saturation and brightness stay high so colours stand out on photos.</summary>
    public static RgbColor Hashed(string label)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(label)) hash = (hash ^ b) * 16777619;
        return FromHsv(hash % 360, 0.8, 0.95);
    }

    private static RgbColor FromHsv(double hue, double saturation, double value)
    {
        double chroma = value * saturation;
        double x = chroma * (1 - Math.Abs(hue / 60 % 2 - 1));
        double m = value - chroma;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        return new RgbColor(Byte(r + m), Byte(g + m), Byte(b + m));
    }

    private static byte Byte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
}
