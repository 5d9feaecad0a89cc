using System.Diagnostics;

namespace Prelabel.Imaging.Tests.Support;

/// <summary>Runs ImageMagick's convert to make fixtures at test time.</summary>
internal static class Magick
{
    public static void Convert(params string[] args)
    {
        var info = new ProcessStartInfo("convert") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start convert");
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"convert {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
    }

    /// <summary>Arguments that draw the 64x48 quadrant image: red, lime / blue, white.</summary>
    public static string[] Quadrants(int width = 64, int height = 48)
    {
        string half = $"{width / 2}x{height / 2}";
        return ["-size", half, "xc:red", "-size", half, "xc:lime", "+append",
                "(", "-size", half, "xc:blue", "-size", half, "xc:white", "+append", ")", "-append"];
    }
}
