using Prelabel.Imaging;
using Prelabel.LabelStudio.Config;
using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>picture &lt;image&gt; &lt;prediction.json&gt; &lt;out.png&gt; [--config &lt;config.xml&gt;]. Exit codes: 0 written, 2 unusable input, 1 anything else.</summary>
internal static class PictureCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 1 && args[0] is "-h" or "--help")
        {
            stdout.WriteLine(PictureArguments.Usage);
            return Ok;
        }
        try
        {
            var arguments = PictureArguments.Parse(args);
            byte[] encoded = ReadBytes(arguments.ImagePath, "image");
            var results = PredictionReader.Read(ReadText(arguments.PredictionPath, "prediction"), arguments.PredictionPath);
            LabelingConfig? config = arguments.ConfigPath is null ? null : ReadConfig(arguments.ConfigPath);

            RgbImage image = Decode(encoded, arguments.ImagePath);
            var reader = new ResultReader(image.Width, image.Height, new LabelColors(config), config, stderr);
            var (marks, captions) = ReadResults(reader, results, arguments.PredictionPath);
            using var picture = Bitmap(image);
            using (var canvas = new SKCanvas(picture)) PredictionPainter.Paint(canvas, image.Width, image.Height, marks, captions);
            using SKData png = picture.Encode(SKEncodedImageFormat.Png, 100);
            Write(arguments.OutputPath, png.ToArray());
            stdout.WriteLine($"{arguments.OutputPath}: {image.Width}x{image.Height}, {marks.Count} regions, {captions.Count} caption lines");
            return Ok;
        }
        catch (PictureInputException e)
        {
            stderr.WriteLine($"picture: {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"picture: failed: {e.Message}");
            return Failed;
        }
    }

    private static RgbImage Decode(byte[] encoded, string path)
    {
        try
        {
            return ImageDecoder.Decode(encoded).Image;
        }
        catch (ImageDecodeException e)
        {
            throw new PictureInputException($"{path} is not an image Prelabel can read: {e.Message}");
        }
    }

    /// <summary>The upright pixels Prelabel's models see (EXIF orientation applied), as an opaque RGBA bitmap to draw on.</summary>
    private static SKBitmap Bitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Span<byte> rgba = bitmap.GetPixelSpan();
        ReadOnlySpan<byte> rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        return bitmap;
    }

    private static (IReadOnlyList<Mark> Marks, IReadOnlyList<Caption> Captions) ReadResults(ResultReader reader, IReadOnlyList<System.Text.Json.Nodes.JsonObject> results, string path)
    {
        try
        {
            return reader.Read(results);
        }
        catch (PictureInputException e)
        {
            throw new PictureInputException($"{path}: {e.Message}");
        }
    }

    private static LabelingConfig ReadConfig(string path)
    {
        try
        {
            return LabelingConfig.Parse(ReadText(path, "config"));
        }
        catch (LabelingConfigException e)
        {
            throw new PictureInputException($"{path}: {e.Message}");
        }
    }

    private static byte[] ReadBytes(string path, string what) => Io(path, what, () => File.ReadAllBytes(path));

    private static string ReadText(string path, string what) => Io(path, what, () => File.ReadAllText(path));

    private static void Write(string path, byte[] png) => Io(path, "output", () =>
    {
        File.WriteAllBytes(path, png);
        return 0;
    });

    private static T Io<T>(string path, string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e switch
            {
                FileNotFoundException => "no such file",
                DirectoryNotFoundException => "no such folder",
                _ => e.Message,
            };
            throw new PictureInputException($"{what} {path}: {reason}");
        }
    }
}
