namespace Prelabel.Host.Tests;

/// <summary>The checkout this test runs from: the folder holding functions/Prelabel.slnx.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "functions", "Prelabel.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No functions/Prelabel.slnx above {AppContext.BaseDirectory}.");
    }
}
