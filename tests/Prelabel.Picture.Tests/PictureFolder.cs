using Prelabel.Imaging;
using SkiaSharp;

namespace Prelabel.Picture.Tests;

/// <summary>A private temp folder with fixtures the tests write themselves; deleted afterwards.</summary>
public sealed class PictureFolder : IDisposable
{
    public static readonly RgbColor Grey = new(128, 128, 128);

    public string Path { get; } = Directory.CreateTempSubdirectory("prelabel-picture-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return File(name);
    }

    /// <summary>A plain grey PNG, so anything the picture draws stands out.</summary>
    public string GreyPng(string name, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(Grey.R, Grey.G, Grey.B));
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        System.IO.File.WriteAllBytes(File(name), png.ToArray());
        return File(name);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
