using Prelabel.Testing;

namespace Prelabel.Onnx.Tests;

public sealed class OnnxRuntimeLibraryTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("prelabel-onnx-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void A_configured_path_that_exists_is_used()
    {
        var configured = Touch(Path.Combine(_temp.FullName, "custom", "libonnxruntime.so.1"));

        Assert.Equal(configured, OnnxRuntimeLibrary.Locate(configured, _temp.FullName));
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_is_an_error_naming_it()
    {
        var configured = Path.Combine(_temp.FullName, "nowhere", "libonnxruntime.so.1");
        Touch(Path.Combine(_temp.FullName, "libonnxruntime.so.1"));

        var error = Assert.Throws<FileNotFoundException>(() => OnnxRuntimeLibrary.Locate(configured, _temp.FullName));

        Assert.Contains(configured, error.Message);
    }

    [Fact]
    public void The_library_next_to_the_application_is_preferred_over_node_modules()
    {
        var app = Path.Combine(_temp.FullName, "app");
        var besideApp = Touch(Path.Combine(app, "libonnxruntime.so.1"));
        Touch(Path.Combine(app, OnnxRuntimeLibrary.NodeModulesRelativePath));

        Assert.Equal(besideApp, OnnxRuntimeLibrary.Locate(null, app));
    }

    [Fact]
    public void The_npm_copy_is_found_by_walking_up_from_the_application()
    {
        var npmCopy = Touch(Path.Combine(_temp.FullName, OnnxRuntimeLibrary.NodeModulesRelativePath));
        var app = Directory.CreateDirectory(Path.Combine(_temp.FullName, "tests", "bin", "Debug")).FullName;

        Assert.Equal(npmCopy, OnnxRuntimeLibrary.Locate("  ", app));
    }

    [Fact]
    public void When_nothing_is_found_the_error_lists_the_places_searched_and_how_to_install()
    {
        var app = Directory.CreateDirectory(Path.Combine(_temp.FullName, "app")).FullName;

        var error = Assert.Throws<FileNotFoundException>(() => OnnxRuntimeLibrary.Locate(null, app));

        Assert.Contains(Path.Combine(app, "libonnxruntime.so.1"), error.Message);
        Assert.Contains(Path.Combine(_temp.FullName, OnnxRuntimeLibrary.NodeModulesRelativePath), error.Message);
        Assert.Contains("setup script", error.Message);
        Assert.Contains("npm install", error.Message);
    }

    [Fact]
    public void Without_configuration_the_test_host_finds_the_repositorys_npm_copy()
    {
        var located = OnnxRuntimeLibrary.Locate(null);

        Assert.Equal(Path.Combine(RepositoryRoot.Path, OnnxRuntimeLibrary.NodeModulesRelativePath), located);
    }

    private static string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }
}
