using System.Text.Json;
using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Embeddings;

/// <summary>
/// How an embedding backbone wants its input, from the sidecar JSON next to the model (README.md in this folder).
/// Unlike YOLO exports, backbones carry no metadata of their own, so the sidecar is required.
/// </summary>
/// <param name="InputWidth">The declared input width, or imgsz when the model's width is dynamic.</param>
/// <param name="InputHeight">The declared input height, or imgsz when the model's height is dynamic.</param>
public sealed record EmbeddingMetadata(int InputWidth, int InputHeight, InputPreprocessing Preprocessing)
{
    public const string Task = "embed";

    /// <summary>The model's path with .json (dinov2.onnx → dinov2.json), as for YOLO sidecars.</summary>
    public static string SidecarPath(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <param name="inputShape">The declared input shape [N, 3, H, W]; dynamic (-1) sides come from imgsz.</param>
    /// <exception cref="InvalidDataException">There is no sidecar, or it lacks a required key.</exception>
    /// <exception cref="FormatException">A value is there but cannot be read.</exception>
    public static EmbeddingMetadata Read(string sidecarPath, IReadOnlyList<long>? inputShape = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sidecarPath);
        if (!File.Exists(sidecarPath))
        {
            throw new InvalidDataException($"The embedding model has no sidecar {sidecarPath}. Write one next to the model, for example {Example}.");
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(sidecarPath));
            return Read(json.RootElement, sidecarPath, inputShape);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"The embedding sidecar {sidecarPath} is not valid: {e.Message}", e);
        }
    }

    private const string Example =
        """{"task": "embed", "imgsz": [224, 224], "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "channel_order": "rgb", "resize": 256}""";

    private static EmbeddingMetadata Read(JsonElement root, string path, IReadOnlyList<long>? inputShape)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the sidecar must be a JSON object");
        }

        var imgsz = root.TryGetProperty("imgsz", out var size) ? Integers(size) : null;
        if (imgsz is not null && (imgsz.Length is not (1 or 2) || imgsz.Any(s => s < 1)))
        {
            throw new FormatException($"imgsz must be [height, width] or one size, not [{string.Join(", ", imgsz)}].");
        }

        int? Declared(int axis) => inputShape is { Count: 4 } && inputShape[axis] > 0 ? (int)inputShape[axis] : null;
        var (height, width) = (Declared(2) ?? imgsz?[0], Declared(3) ?? imgsz?[^1]);

        // mean and std have no safe default: backbones differ (ImageNet, CLIP, 0..1) and a wrong one only shows as poor suggestions.
        var missing = new List<string>();
        if (!root.TryGetProperty("task", out var task)) missing.Add("task");
        if (height is null || width is null) missing.Add("imgsz (the model's input size is dynamic)");
        if (!root.TryGetProperty("mean", out var mean)) missing.Add("mean");
        if (!root.TryGetProperty("std", out var std)) missing.Add("std");
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The embedding sidecar {path} lacks {string.Join(", ", missing)}. For example: {Example}.");
        }

        if (task.GetString() != Task)
        {
            throw new FormatException($"task must be \"{Task}\", not \"{task}\".");
        }

        var resize = root.TryGetProperty("resize", out var resizeValue) ? resizeValue.GetInt32() : (int?)null;
        if (resize < 1)
        {
            throw new FormatException($"resize must be a positive number of pixels, not {resize}.");
        }

        return new EmbeddingMetadata(width!.Value, height!.Value, InputPreprocessing.FromSidecar(root, InputPreprocessing.Ultralytics));
    }

    private static int[] Integers(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : [value.GetInt32()];
}
