namespace Prelabel.Onnx;

/// <summary>A model file that cannot be used as it is: not ONNX, truncated, or not what its family can feed or read.</summary>
public sealed class OnnxModelException(string path, string problem, Exception? inner = null)
    : Exception($"The model {System.IO.Path.GetFileName(path)} cannot be used: {Sentence(problem)}", inner)
{
    public string Path { get; } = path;

    // "The model x.onnx cannot be used: the YOLO model's metadata lacks ..." reads as one sentence.
    private static string Sentence(string problem) => problem.StartsWith("The ", StringComparison.Ordinal) ? "the " + problem[4..] : problem;
}
