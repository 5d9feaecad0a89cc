using Prelabel.Imaging;

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
        var image = new RgbImage(width, height);
        image.Fill(Grey);
        System.IO.File.WriteAllBytes(File(name), PngEncoder.Encode(image));
        return File(name);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
