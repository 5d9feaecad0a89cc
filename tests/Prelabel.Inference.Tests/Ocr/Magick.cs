using System.Diagnostics;

namespace Prelabel.Inference.Tests.Ocr;

/// <summary>Runs ImageMagick's convert to make fixtures at test time.</summary>
internal static class Magick
{
    /// <returns>What convert printed (for info: formats).</returns>
    public static string Convert(params string[] args)
    {
        var info = new ProcessStartInfo("convert") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start convert");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"convert {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Trim();
    }
}
