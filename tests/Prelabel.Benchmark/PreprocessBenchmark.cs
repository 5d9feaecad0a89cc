using System.Diagnostics;
using System.Text.Json;
using Prelabel.Imaging;
using Prelabel.Inference.Yolo;
using SkiaSharp;

namespace Prelabel.Benchmark;

/// <summary>
/// scripts/benchmark preprocess [runs]: decode + letterbox 640 + normalise to a CHW float tensor, as YoloModel does it,
/// against what Ultralytics does in OpenCV-Python (opencv_preprocess.py), on the same files in one run: the 1920x1080 page
/// and a 4000x3000 photo-like JPEG. Both run on one thread (OpenCV's cv2.setNumThreads(1)): a loaded instance has no
/// spare core per request. OpenCV with its default threads is printed beside it.
/// </summary>
public static class PreprocessBenchmark
{
    private const int Size = 640;

    public static void Run(string folder, byte[] page, int runs)
    {
        var files = new List<(string Name, string Path)>
        {
            ("1920x1080 page", Path.Combine(folder, "page-1920x1080.jpg")),
            ("4000x3000 photo", Photo(folder)),
        };
        File.WriteAllBytes(files[0].Path, page);
        var opencv = OpenCv(files.Select(f => f.Path), runs, threads: 1);
        var opencvThreaded = OpenCv(files.Select(f => f.Path), runs, threads: -1);
        Console.WriteLine($"preprocess to [1,3,{Size},{Size}] (decode, letterbox grey 114, CHW 0..1), median of {runs}, one thread;");
        Console.WriteLine($"OpenCV {opencv.Version} (Debian python3-opencv) beside it, also with its default {opencvThreaded.Threads} threads;");
        Console.WriteLine("Skia lbox: what letterbox + tensor cost instead when SkiaSharp scales (DrawImage, bilinear like ours below 2x) from its own RGBA decode");
        Console.WriteLine($"{"image",-24}{"decode",9}{"letterbox",11}{"tensor",8}{"Prelabel",10}{"OpenCV",9}{"ratio",7}{"OpenCV MT",11}{"Skia lbox",11}  decoded at");
        foreach (var (name, path) in files)
        {
            var bytes = File.ReadAllBytes(path);
            var stages = Prelabel(bytes, runs, out var decodedSize);
            var cv = opencv.Medians[path];
            var skia = SkiaLetterbox(bytes, runs);
            Console.WriteLine($"{$"{name} {bytes.Length / 1024} KiB",-24}{stages.Decode,9:F1}{stages.Letterbox,11:F1}{stages.Tensor,8:F1}{stages.Total,10:F1}{cv,9:F1}{stages.Total / cv,7:F2}{opencvThreaded.Medians[path],11:F1}{skia,11:F1}  {decodedSize}");
        }
    }

    private static (double Decode, double Letterbox, double Tensor, double Total) Prelabel(byte[] bytes, int runs, out string decodedSize)
    {
        var tensor = new float[3 * Size * Size];
        var options = new DecodeOptions(YoloOptions.Default.MaxImagePixels, Size);
        var decode = new List<double>();
        var letterbox = new List<double>();
        var write = new List<double>();
        var total = new List<double>();
        decodedSize = "";
        for (var i = -1; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var decoded = ImageDecoder.Decode(bytes, options);
            var decodedAt = Stopwatch.GetTimestamp();
            var boxed = ImageResizer.Letterbox(decoded.Image, Size, Size, RgbColor.LetterboxGrey);
            var boxedAt = Stopwatch.GetTimestamp();
            TensorWriter.WriteChw(boxed.Image, tensor, Normalization.UnitRange);
            var end = Stopwatch.GetTimestamp();
            decodedSize = $"{decoded.Image.Width}x{decoded.Image.Height}";
            if (i < 0) continue; // warm-up
            decode.Add(Stopwatch.GetElapsedTime(start, decodedAt).TotalMilliseconds);
            letterbox.Add(Stopwatch.GetElapsedTime(decodedAt, boxedAt).TotalMilliseconds);
            write.Add(Stopwatch.GetElapsedTime(boxedAt, end).TotalMilliseconds);
            total.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        }
        return (Median(decode), Median(letterbox), Median(write), Median(total));
    }

    /// <summary>The alternative to RgbaPacking + ImageResizer.Letterbox + TensorWriter: SkiaSharp draws the RGBA decode
    /// (same DCT scale) into a grey 640x640 bitmap with bilinear sampling, and the tensor is read from RGBA.</summary>
    private static unsafe double SkiaLetterbox(byte[] bytes, int runs)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        var k = Math.Max(1, Enumerable.Range(1, 8).First(k => (Math.Max(codec.Info.Width, codec.Info.Height) * k + 7) / 8 >= Size));
        var scaled = codec.GetScaledDimensions(k / 8f);
        using var decoded = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success) throw new InvalidOperationException("Skia decode failed");
        using var source = SKImage.FromBitmap(decoded);
        using var canvasBitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var tensor = new float[3 * Size * Size];
        var times = new List<double>();
        for (var i = -1; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var ratio = Math.Min((float)Size / scaled.Width, (float)Size / scaled.Height);
            float w = MathF.Round(scaled.Width * ratio), h = MathF.Round(scaled.Height * ratio);
            using (var canvas = new SKCanvas(canvasBitmap))
            {
                canvas.Clear(new SKColor(114, 114, 114));
                canvas.DrawImage(source, SKRect.Create(MathF.Floor((Size - w) / 2), MathF.Floor((Size - h) / 2), w, h), new SKSamplingOptions(SKFilterMode.Linear));
            }
            var rgba = (byte*)canvasBitmap.GetPixels();
            fixed (float* t = tensor)
            {
                for (int p = 0, plane = Size * Size; p < plane; p++)
                {
                    t[p] = rgba[4 * p] / 255f;
                    t[plane + p] = rgba[4 * p + 1] / 255f;
                    t[2 * plane + p] = rgba[4 * p + 2] / 255f;
                }
            }
            if (i >= 0) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Median(times);
    }

    private static (string Version, int Threads, Dictionary<string, double> Medians) OpenCv(IEnumerable<string> paths, int runs, int threads)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "opencv_preprocess.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, Size.ToString(), runs.ToString(), threads.ToString() }.Concat(paths)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"opencv_preprocess.py failed: {stderr.Result}");
        using var json = JsonDocument.Parse(output);
        var medians = json.RootElement.GetProperty("medians").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return (json.RootElement.GetProperty("opencv").GetString()!, json.RootElement.GetProperty("threads").GetInt32(), medians);
    }

    /// <summary>A 4000x3000 JPEG with a camera's look: plasma fractal (smooth areas and texture) with light sensor noise, quality 90, 4:2:0: about 2.6 MB, as a phone takes.</summary>
    private static string Photo(string folder)
    {
        var path = Path.Combine(folder, "photo-4000x3000.jpg");
        var start = new ProcessStartInfo("convert") { RedirectStandardError = true };
        foreach (var argument in new[] { "-seed", "7", "-size", "1000x750", "plasma:fractal", "-resize", "4000x3000!", "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "90", "-sampling-factor", "4:2:0", path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"convert failed: {error}");
        return path;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
