using System.Diagnostics;

namespace Prelabel.Testing;

/// <summary>Runs ImageMagick's convert to make image fixtures at test time.</summary>
public static class ImageMagick
{
    /// <returns>What convert printed.</returns>
    public static string Convert(params string[] args)
    {
        var info = new ProcessStartInfo("convert") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start convert");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Trim()
            : throw new InvalidOperationException($"convert {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
    }
}
