using System.Diagnostics;

namespace Prelabel.Benchmark;

/// <summary>A 1920x1080 JPEG page with a dozen lines of text on a gradient, drawn by ImageMagick.</summary>
public static class BenchmarkImage
{
    public static byte[] Create(string folder)
    {
        var path = Path.Combine(folder, "page-1920x1080.jpg");
        var lines = new[]
        {
            (48, "Invoice 2026-11-22"), (36, "Prelabel Ltd, 1 Harbour Street"), (36, "Order number 12345"),
            (32, "Item            Qty     Price"), (32, "Labels          12      3.50"), (32, "Boxes           4       12.00"),
            (32, "Subtotal                90.00"), (32, "VAT 20%                 18.00"), (40, "Total 108.00 EUR"),
            (28, "Thank you for your order"), (28, "Payment due within 30 days"), (24, "Page 1 of 1"),
        };
        var arguments = new List<string> { "-size", "1920x1080", "gradient:white-#dde8f0", "-font", "DejaVu-Sans", "-fill", "#1a1a1a" };
        var y = 90;
        foreach (var (size, text) in lines)
        {
            arguments.AddRange(["-pointsize", size.ToString(), "-annotate", $"+{(y % 3 == 0 ? 140 : 160)}+{y}", text]);
            y += size * 2;
        }
        arguments.AddRange(["-quality", "90", "-sampling-factor", "4:2:0", path]);
        var start = new ProcessStartInfo("convert") { RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"convert failed: {error}");
        return File.ReadAllBytes(path);
    }
}
