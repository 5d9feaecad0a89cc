using System.Collections.Concurrent;
using System.Text.Json;
using Prelabel.Inference.Embeddings;
using Prelabel.Inference.Yolo;

namespace Prelabel.Inference.Models;

/// <summary>
/// The YOLO models in MODEL_DIR, each loaded once and shared by every request. A control picks one with
/// model_path (when allowed) or gets the task's default.
/// </summary>
public sealed class ModelRegistry(ModelRegistryOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<YoloModel>> _models = new();
    private readonly ConcurrentDictionary<string, Lazy<EmbeddingModel>> _embeddings = new();

    /// <summary>The backbone a model_path names when its sidecar says "task": "embed"; null for any other model.</summary>
    public EmbeddingModel? Embedding(string? modelPath)
    {
        if (string.IsNullOrWhiteSpace(modelPath) || !options.AllowCustomModelPath) return null;
        var path = Inside(modelPath);
        var sidecar = EmbeddingMetadata.SidecarPath(path);
        if (!File.Exists(sidecar)) return null;
        using (var json = JsonDocument.Parse(File.ReadAllBytes(sidecar)))
            if (!json.RootElement.TryGetProperty("task", out var task) || task.GetString() != EmbeddingMetadata.Task) return null;
        return _embeddings.GetOrAdd(path, p => new Lazy<EmbeddingModel>(() => new EmbeddingModel(p, options.Sessions) { MaxImagePixels = options.MaxImagePixels })).Value;
    }

    /// <summary>The model a control uses: its model_path, else the default for the task.</summary>
    public YoloModel Resolve(string? modelPath, YoloTask task, string control)
    {
        string file;
        if (!string.IsNullOrWhiteSpace(modelPath))
        {
            if (!options.AllowCustomModelPath)
                throw new ModelNotAvailableException($"{control} sets model_path=\"{modelPath}\" but ALLOW_CUSTOM_MODEL_PATH is false.");
            file = modelPath;
        }
        else if (options.Defaults.TryGetValue(task, out var configured) && !string.IsNullOrWhiteSpace(configured))
            file = configured;
        else if (!string.IsNullOrWhiteSpace(options.DefaultModel))
            file = options.DefaultModel;
        else
            throw new ModelNotAvailableException(
                $"{control} needs a {task.ToString().ToLowerInvariant()} model: set model_path=\"<file in MODEL_DIR>\" on the tag, or MODEL_{task.ToString().ToUpperInvariant()}.");

        var path = Inside(file);
        return _models.GetOrAdd(path, p => new Lazy<YoloModel>(() => new YoloModel(p, options.Sessions))).Value;
    }

    /// <summary>
    /// Drops the model loaded from <paramref name="path"/> (its file changed), so its next use loads it again. Not
    /// disposed here: a request may still be running it; its native session is freed once nothing refers to it.
    /// </summary>
    public void Forget(string path)
    {
        var full = Path.GetFullPath(path);
        _models.TryRemove(full, out _);
        _embeddings.TryRemove(full, out _);
    }

    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated))
            model.Value.Dispose();
        foreach (var model in _embeddings.Values.Where(m => m.IsValueCreated))
            model.Value.Dispose();
    }

    /// <summary>model_path comes from a labeling config anyone with project access can edit: keep it inside MODEL_DIR.</summary>
    private string Inside(string file)
    {
        if (string.IsNullOrWhiteSpace(options.ModelDirectory))
            throw new ModelNotAvailableException($"Model \"{file}\" asked for, but MODEL_DIR is not set.");
        var root = Path.GetFullPath(options.ModelDirectory);
        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ModelNotAvailableException($"Model \"{file}\" is outside MODEL_DIR.");
        if (!File.Exists(path))
            throw new ModelNotAvailableException($"Model \"{file}\" is not in MODEL_DIR ({root}).");
        return path;
    }
}
