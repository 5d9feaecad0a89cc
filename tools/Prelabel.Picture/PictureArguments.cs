namespace Prelabel.Picture;

/// <summary>The command line: three paths in order and an optional --config.</summary>
internal sealed record PictureArguments(string ImagePath, string PredictionPath, string OutputPath, string? ConfigPath)
{
    public const string Usage = "usage: picture <image file> <prediction.json> <out.png> [--config <config.xml>]";

    public static PictureArguments Parse(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        string? config = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Count) throw new PictureInputException($"--config needs a file\n{Usage}");
                config = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new PictureInputException($"unknown option {args[i]}\n{Usage}");
            }
            else
            {
                paths.Add(args[i]);
            }
        }
        if (paths.Count != 3) throw new PictureInputException($"expected 3 paths, got {paths.Count}\n{Usage}");
        return new PictureArguments(paths[0], paths[1], paths[2], config);
    }
}
