using Prelabel.Testing;
using System.Globalization;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>One line of black DejaVu Sans on white, drawn by ImageMagick, with its ink box from drawing it alone and trimming.</summary>
internal sealed record RenderedLine(string Path, string Text, int InkX, int InkY, int InkWidth, int InkHeight)
{
    public static RenderedLine Draw(string folder, string text, int pointSize, int width = 1000, int height = 200, int left = 30, int baseline = 120)
    {
        var path = System.IO.Path.Combine(folder, $"line-{pointSize}-{Guid.NewGuid():N}.png");
        string[] draw = ["-size", $"{width}x{height}", "xc:white", "-font", "DejaVu-Sans", "-pointsize", pointSize.ToString(CultureInfo.InvariantCulture),
            "-fill", "black", "-annotate", $"+{left}+{baseline}", text];
        ImageMagick.Convert([.. draw, path]);
        var box = ImageMagick.Convert([.. draw, "-trim", "-format", "%w %h %X %Y", "info:"]).Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new RenderedLine(path, text, box[2], box[3], box[0], box[1]);
    }
}
