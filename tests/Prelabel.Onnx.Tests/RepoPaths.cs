namespace Prelabel.Onnx.Tests;

/// <summary>Files of the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string OcrModel(string fileName) =>
        Path.Combine(Root, "node_modules", "@gutenye", "ocr-models", "assets", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions", "Prelabel.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing functions/Prelabel.slnx above {AppContext.BaseDirectory}.");
    }
}
