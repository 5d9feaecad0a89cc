namespace Prelabel.Testing;

/// <summary>Where the isolated worker (functions/Prelabel.Functions) is built, in the configuration of the test assembly
/// (a test project builds it first through a ProjectReference with ReferenceOutputAssembly="false").</summary>
public static class IsolatedWorker
{
    public static string AppDirectory()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return RepositoryRoot.Combine("functions", "Prelabel.Functions", "bin", configuration, "net10.0");
    }
}
