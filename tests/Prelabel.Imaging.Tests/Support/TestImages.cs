namespace Prelabel.Imaging.Tests.Support;

/// <summary>Fixture files drawn once per test class with ImageMagick into a private temp folder, deleted afterwards.</summary>
public sealed class TestImages : IDisposable
{
    // ImageMagick operation that turns the upright quadrants into the stored pixels of each EXIF orientation.
    private static readonly string[][] InverseOf =
    [
        [], [], ["-flop"], ["-rotate", "180"], ["-flip"], ["-transpose"], ["-rotate", "270"], ["-transverse"], ["-rotate", "90"],
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("prelabel-imaging-").FullName;
    private readonly Dictionary<string, byte[]> cache = new();
    private readonly Lock gate = new();

    public static RgbColor Red => new(255, 0, 0);

    public static RgbColor Lime => new(0, 255, 0);

    public static RgbColor Blue => new(0, 0, 255);

    public static RgbColor White => new(255, 255, 255);

    /// <summary>Quadrant JPEG (4:4:4, quality 95) with no EXIF.</summary>
    public byte[] QuadrantsJpeg => Get("quadrants.jpg", [.. Magick.Quadrants(), "-quality", "95", "-sampling-factor", "1x1"]);

    /// <summary>Quadrant PNG, 8-bit RGB.</summary>
    public byte[] QuadrantsPng => Get("quadrants24.png", [.. Magick.Quadrants(), "PNG24:{0}"]);

    /// <summary>Quadrant pixels stored the way orientation <paramref name="orientation"/> expects, with no EXIF yet.</summary>
    public byte[] StoredForOrientation(int orientation, string extension) => Get(
        $"stored{orientation}.{extension}",
        [.. Magick.Quadrants(), .. InverseOf[orientation], "-quality", "95", "-sampling-factor", "1x1", (extension == "png" ? "PNG24:" : "") + "{0}"]);

    /// <summary>4000x3000 quadrants (2000x1500 each), quality 90, 4:2:0.</summary>
    public byte[] LargeQuadrantsJpeg => Get("large.jpg", [.. Magick.Quadrants(4000, 3000), "-quality", "90"]);

    /// <summary>4000x3000 smooth noise, quality 90: closer to a photo for timing.</summary>
    public byte[] LargeNoiseJpeg => Get("noise.jpg", ["-size", "1000x750", "-seed", "7", "xc:gray", "+noise", "Gaussian", "-resize", "4000x3000!", "-quality", "90"]);

    public byte[] Make(string name, params string[] args) => Get(name, args);

    /// <summary>convert run on <paramref name="input"/> (written to the folder as <paramref name="inputName"/>) to <paramref name="name"/>.</summary>
    public byte[] Convert(string inputName, byte[] input, string name)
    {
        string path = Path.Combine(folder, inputName);
        File.WriteAllBytes(path, input);
        return Get(name, [path]);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Runs convert with args (the output path is appended, or substituted for "{0}") once per name.</summary>
    private byte[] Get(string name, string[] args)
    {
        lock (gate)
        {
            if (cache.TryGetValue(name, out byte[]? bytes)) return bytes;
            string path = Path.Combine(folder, name);
            var final = args.Select(a => a.Replace("{0}", path)).ToList();
            if (!args.Any(a => a.Contains("{0}"))) final.Add(path);
            Magick.Convert([.. final]);
            bytes = File.ReadAllBytes(path);
            cache[name] = bytes;
            return bytes;
        }
    }
}
