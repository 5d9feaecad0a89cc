using Prelabel.Inference.Yolo;
using Prelabel.Onnx;

namespace Prelabel.Inference.Models;

/// <summary>Where user models live and which one serves each YOLO task when a control names none.</summary>
public sealed class ModelRegistryOptions
{
    /// <summary>MODEL_DIR: folder of .onnx files (with optional sidecar .json).</summary>
    public string ModelDirectory { get; set; } = "";

    /// <summary>ALLOW_CUSTOM_MODEL_PATH: whether a control's model_path attribute may pick a file in MODEL_DIR.</summary>
    public bool AllowCustomModelPath { get; set; } = true;

    /// <summary>File names in MODEL_DIR per task (MODEL_DETECT, MODEL_SEGMENT, MODEL_POSE, MODEL_OBB, MODEL_CLASSIFY).</summary>
    public IDictionary<YoloTask, string> Defaults { get; set; } = new Dictionary<YoloTask, string>();

    /// <summary>The model given with --model FILE: used for any task that has no default of its own.</summary>
    public string? DefaultModel { get; set; }

    public SessionSettings Sessions { get; set; } = SessionSettings.Default;

    /// <summary>MAX_IMAGE_PIXELS: embedding models refuse larger images before decoding them.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;
}
