using System.IO.Compression;

namespace Prelabel.Host.Tests;

/// <summary>
/// The zip scripts/package makes, and a copy unzipped into an empty folder outside the checkout. scripts/test builds
/// the package before the tests and names it in PRELABEL_PACKAGE; without it the fixture runs scripts/package itself.
/// </summary>
public sealed class AppPackage : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prelabel-package-").FullName;

    public AppPackage()
    {
        Zip = Environment.GetEnvironmentVariable("PRELABEL_PACKAGE") is { Length: > 0 } given ? given : FunctionsPackage.Build(Path.Combine(_folder, "prelabel.zip"));
        if (!File.Exists(Zip)) throw new FileNotFoundException($"PRELABEL_PACKAGE names no file: {Zip}");
        AppRoot = Path.Combine(_folder, "wwwroot");
        ZipFile.ExtractToDirectory(Zip, AppRoot);
    }

    public string Zip { get; }

    /// <summary>The unzipped package, as the host's app root.</summary>
    public string AppRoot { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
