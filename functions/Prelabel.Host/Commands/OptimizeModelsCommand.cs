using System.Diagnostics;
using Prelabel.Inference;
using Prelabel.Onnx;

namespace Prelabel.Host.Commands;

/// <summary>
/// <c>Prelabel optimize-models DIRECTORY MODEL.onnx …</c>: writes each model's optimised graph into DIRECTORY under its
/// model version, where ORT_OPTIMIZED_MODEL_DIR lets a new instance open it without optimising it again. scripts/package
/// runs it for the built-in OCR models into <see cref="PackagedDirectory"/>.
/// </summary>
public static class OptimizeModelsCommand
{
    public const string Verb = "optimize-models";

    /// <summary>models/optimized beside the executable, when the package has one.</summary>
    public static string? PackagedDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "models", "optimized");
        return Directory.Exists(beside) ? beside : null;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var directory, _, ..])
        {
            error.WriteLine($"usage: {Verb} DIRECTORY MODEL.onnx [MODEL.onnx ...]");
            return 2;
        }

        foreach (var model in args[1..])
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var written = OnnxModel.Optimize(model, ModelFile.Version(model), directory);
                output.WriteLine($"{model} → {written} ({clock.ElapsedMilliseconds} ms)");
            }
            catch (Exception e) when (e is OnnxModelException or IOException)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        }

        return 0;
    }
}
