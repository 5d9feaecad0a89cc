namespace Prelabel.Inference.Tests.Ocr;

internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PaddleModels => Path.Combine(Root, "node_modules", "@gutenye", "ocr-models", "assets");

    public static string PaddleKeys => Path.Combine(PaddleModels, "ppocr_keys_v1.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "functions", "Prelabel.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains functions/Prelabel.slnx.");
    }
}
