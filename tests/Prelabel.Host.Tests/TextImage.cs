using System.Diagnostics;

namespace Prelabel.Host.Tests;

/// <summary>
/// An image with known text lines, drawn by ImageMagick. Each line's ink box comes from drawing that line alone
/// and trimming the canvas, so tests know exactly where every word is.
/// </summary>
public sealed record TextImage(string Path, int Width, int Height, IReadOnlyList<TextImage.Line> Lines)
{
    public sealed record Line(string Text, int X, int Y, int Width, int Height);

    public byte[] Bytes => File.ReadAllBytes(Path);

    /// <summary>Lines are (text, left, baseline) in pixels; the font is DejaVu Sans.</summary>
    public static TextImage Draw(string folder, string name, int width, int height, int pointSize, params (string Text, int X, int Baseline)[] lines)
    {
        var path = System.IO.Path.Combine(folder, name);
        var draw = lines.SelectMany(l => new[] { "-annotate", $"+{l.X}+{l.Baseline}", l.Text });
        Convert([$"-size", $"{width}x{height}", "xc:white", "-font", "DejaVu-Sans", "-pointsize", pointSize.ToString(), "-fill", "black", .. draw, path]);
        var boxes = lines.Select(l =>
        {
            var geometry = Convert(["-size", $"{width}x{height}", "xc:white", "-font", "DejaVu-Sans", "-pointsize", pointSize.ToString(), "-fill", "black",
                "-annotate", $"+{l.X}+{l.Baseline}", l.Text, "-trim", "-format", "%w %h %X %Y", "info:"]).Split(' ');
            return new Line(l.Text, int.Parse(geometry[2]), int.Parse(geometry[3]), int.Parse(geometry[0]), int.Parse(geometry[1]));
        }).ToArray();
        return new TextImage(path, width, height, boxes);
    }

    private static string Convert(string[] arguments)
    {
        var start = new ProcessStartInfo("convert") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"convert failed ({process.ExitCode}): {error}");
        return output.Trim();
    }
}
