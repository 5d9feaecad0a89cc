namespace Prelabel.Testing;

/// <summary>The checkout the tests run from: the folder holding functions/Prelabel.slnx above the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "functions", "Prelabel.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing functions/Prelabel.slnx above {AppContext.BaseDirectory}.");
    }
}
