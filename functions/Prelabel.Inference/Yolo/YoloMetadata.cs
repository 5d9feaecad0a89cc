using System.Globalization;
using System.Text.Json;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// What a YOLO model needs besides its weights. Read from the metadata_props Ultralytics' ONNX export writes
/// (task, names, imgsz, stride, kpt_shape); anything missing there is taken from a sidecar JSON next to the model
/// (README.md in this folder describes it).
/// </summary>
/// <param name="Names">Class names indexed by class id.</param>
/// <param name="InputWidth">Model input width in pixels: the declared input shape, or imgsz when that is dynamic.</param>
/// <param name="InputHeight">Model input height in pixels.</param>
/// <param name="Stride">Largest stride of the network (32 unless the metadata says otherwise).</param>
/// <param name="KeypointShape">Pose models: keypoints per object and values per keypoint (2 = x,y; 3 = x,y,visibility).</param>
public sealed record YoloMetadata(
    YoloTask Task,
    IReadOnlyList<string> Names,
    int InputWidth,
    int InputHeight,
    int Stride,
    (int Count, int Dimensions)? KeypointShape)
{
    public const int DefaultStride = 32;

    /// <summary>
    /// Classifiers: what the output row holds. The sidecar's "output" says it; else an Ultralytics classify export (its
    /// metadata names the task) ends in a softmax, so probabilities; null when neither tells.
    /// </summary>
    public ClassifierOutput? Output { get; init; }

    /// <summary>From the sidecar's mean, std, channel_order and resize; Ultralytics' own when it has none.</summary>
    public InputPreprocessing Preprocessing { get; init; } = InputPreprocessing.Ultralytics;

    /// <summary>Where the sidecar of <paramref name="modelPath"/> is looked for: the same name with .json (yolo11n.onnx → yolo11n.json).</summary>
    public static string SidecarPath(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <param name="properties">The model's metadata_props.</param>
    /// <param name="sidecarPath">A JSON file filling what the properties lack; ignored when it does not exist.</param>
    /// <param name="inputShape">The declared input shape [N, 3, H, W]; dynamic (-1) sides come from imgsz.</param>
    /// <exception cref="InvalidDataException">A required value is in neither place.</exception>
    /// <exception cref="FormatException">A value is there but cannot be read.</exception>
    public static YoloMetadata Read(IReadOnlyDictionary<string, string> properties, string? sidecarPath = null, IReadOnlyList<long>? inputShape = null)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var sidecar = sidecarPath is not null && File.Exists(sidecarPath) ? Sidecar.Load(sidecarPath) : null;

        var task = properties.TryGetValue("task", out var taskText) ? ParseTask(taskText) : sidecar?.Task;
        var names = properties.TryGetValue("names", out var namesText) ? UltralyticsLiteral.Names(namesText) : sidecar?.Names;
        var imgsz = properties.TryGetValue("imgsz", out var imgszText) ? UltralyticsLiteral.Integers(imgszText) : sidecar?.ImageSize;
        var stride = properties.TryGetValue("stride", out var strideText) ? ParseStride(strideText) : sidecar?.Stride;
        var keypoints = properties.TryGetValue("kpt_shape", out var kptText) ? UltralyticsLiteral.Integers(kptText) : sidecar?.KeypointShape;

        var (height, width) = InputSize(inputShape, imgsz);
        var missing = new List<string>();
        if (task is null) missing.Add("task");
        if (names is null) missing.Add("names");
        if (height is null || width is null) missing.Add("imgsz (the model's input size is dynamic)");
        if (task == YoloTask.Pose && keypoints is null) missing.Add("kpt_shape");
        if (missing.Count > 0)
        {
            var where = sidecarPath is null ? "no sidecar JSON was given"
                : sidecar is null ? $"there is no sidecar {sidecarPath}" : $"nor does the sidecar {sidecarPath}";
            throw new InvalidDataException(
                $"The YOLO model's metadata lacks {string.Join(", ", missing)}: its ONNX metadata_props (written by Ultralytics' export) " +
                $"do not have it and {where}. Export with Ultralytics, or write the sidecar next to the model, for example " +
                """{"task":"detect","names":["person","car"],"imgsz":[640,640]}.""");
        }

        if (keypoints is not null && (keypoints.Length != 2 || keypoints[0] < 1 || keypoints[1] is not (2 or 3)))
        {
            throw new FormatException($"kpt_shape must be [keypoints, 2 or 3], not [{string.Join(", ", keypoints)}].");
        }

        return new YoloMetadata(task!.Value, names!, width!.Value, height!.Value, stride ?? DefaultStride,
            task == YoloTask.Pose ? (keypoints![0], keypoints[1]) : null)
        {
            Preprocessing = sidecar?.Preprocessing ?? InputPreprocessing.Ultralytics,
            Output = task != YoloTask.Classify ? null
                : sidecar?.Output ?? (taskText is not null ? ClassifierOutput.Probabilities : null),
        };
    }

    public static YoloTask ParseTask(string text) => text.Trim().ToLowerInvariant() switch
    {
        "detect" => YoloTask.Detect,
        "segment" => YoloTask.Segment,
        "pose" => YoloTask.Pose,
        "obb" => YoloTask.Obb,
        "classify" => YoloTask.Classify,
        _ => throw new FormatException($"Unknown YOLO task '{text}': expected detect, segment, pose, obb or classify."),
    };

    // Ultralytics writes the stride as an int, older exports as a float ("32.0").
    private static int ParseStride(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 1 && value == Math.Floor(value)
            ? (int)value
            : throw new FormatException($"The YOLO stride '{text}' is not a whole number of pixels.");

    // imgsz is [h, w] in Ultralytics, or one number for a square input.
    private static (int? Height, int? Width) InputSize(IReadOnlyList<long>? shape, int[]? imgsz)
    {
        if (imgsz is not null && (imgsz.Length is not (1 or 2) || imgsz.Any(s => s < 1)))
        {
            throw new FormatException($"imgsz must be [height, width] or one size, not [{string.Join(", ", imgsz)}].");
        }

        int? Declared(int axis) => shape is { Count: 4 } && shape[axis] > 0 ? (int)shape[axis] : null;
        return (Declared(2) ?? imgsz?[0], Declared(3) ?? imgsz?[^1]);
    }

    public static ClassifierOutput ParseOutput(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "logits" => ClassifierOutput.Logits,
        "probabilities" => ClassifierOutput.Probabilities,
        "sigmoid" => ClassifierOutput.Sigmoid,
        _ => throw new FormatException($"output must be \"logits\", \"probabilities\" or \"sigmoid\", not \"{text}\"."),
    };

    private sealed record Sidecar(YoloTask? Task, string[]? Names, int[]? ImageSize, int? Stride, int[]? KeypointShape, InputPreprocessing Preprocessing, ClassifierOutput? Output)
    {
        public static Sidecar Load(string path)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = json.RootElement;
                return new Sidecar(
                    root.TryGetProperty("task", out var task) ? ParseTask(task.GetString() ?? "") : null,
                    root.TryGetProperty("names", out var names) ? ReadNames(names) : null,
                    root.TryGetProperty("imgsz", out var imgsz) ? ReadIntegers(imgsz) : null,
                    root.TryGetProperty("stride", out var stride) ? stride.GetInt32() : null,
                    root.TryGetProperty("kpt_shape", out var kpt) ? ReadIntegers(kpt) : null,
                    InputPreprocessing.FromSidecar(root, InputPreprocessing.Ultralytics),
                    root.TryGetProperty("output", out var output) ? ParseOutput(output.GetString()) : null);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"The YOLO sidecar {path} is not valid: {e.Message}", e);
            }
        }

        private static string[] ReadNames(JsonElement names)
        {
            if (names.ValueKind != JsonValueKind.Object)
            {
                return names.EnumerateArray().Select(Name).ToArray();
            }

            var byId = names.EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => Name(p.Value));
            return Enumerable.Range(0, byId.Count == 0 ? 0 : byId.Keys.Max() + 1)
                .Select(i => byId.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture)))
                .ToArray();
        }

        private static string Name(JsonElement name) => name.GetString() ?? throw new FormatException("a class name is null");

        private static int[] ReadIntegers(JsonElement value) => value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray()
            : [value.GetInt32()];
    }
}
