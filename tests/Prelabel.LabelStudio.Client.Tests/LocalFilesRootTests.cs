namespace Prelabel.LabelStudio.Client.Tests;

public sealed class LocalFilesRootTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("prelabel-local-files-").FullName;
    private readonly string _root;

    public LocalFilesRootTests()
    {
        _root = Directory.CreateDirectory(Path.Join(_sandbox, "root")).FullName;
        Directory.CreateDirectory(Path.Join(_root, "images"));
        File.WriteAllText(Path.Join(_root, "images", "a.jpg"), "inside");
        File.WriteAllText(Path.Join(_sandbox, "secret.txt"), "outside");
    }

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    [Theory]
    [InlineData("images/a.jpg")]
    [InlineData("/images/a.jpg")]
    [InlineData("images//a.jpg")]
    public void Files_inside_the_root_resolve_to_their_real_path(string relative)
    {
        var path = new LocalFilesRoot(_root).TryResolve(relative);

        Assert.Equal("inside", File.ReadAllText(path!));
    }

    [Fact]
    public void Missing_files_resolve_to_null()
    {
        Assert.Null(new LocalFilesRoot(_root).TryResolve("images/missing.jpg"));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("images/../../secret.txt")]
    [InlineData("images\\..\\..\\secret.txt")]
    public void Parent_segments_are_refused(string relative)
    {
        Assert.Throws<UnauthorizedAccessException>(() => new LocalFilesRoot(_root).TryResolve(relative));
    }

    [Fact]
    public void Symbolic_link_leaving_the_root_is_refused()
    {
        File.CreateSymbolicLink(Path.Join(_root, "images", "escape.txt"), Path.Join(_sandbox, "secret.txt"));

        Assert.Throws<UnauthorizedAccessException>(() => new LocalFilesRoot(_root).TryResolve("images/escape.txt"));
    }

    [Fact]
    public void Symbolic_link_to_a_directory_outside_the_root_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Join(_root, "up"), _sandbox);

        Assert.Throws<UnauthorizedAccessException>(() => new LocalFilesRoot(_root).TryResolve("up/secret.txt"));
    }

    [Fact]
    public void Symbolic_link_inside_the_root_is_followed()
    {
        Directory.CreateSymbolicLink(Path.Join(_root, "alias"), Path.Join(_root, "images"));

        Assert.Equal("inside", File.ReadAllText(new LocalFilesRoot(_root).TryResolve("alias/a.jpg")!));
    }
}
