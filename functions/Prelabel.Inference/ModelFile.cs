using System.Security.Cryptography;

namespace Prelabel.Inference;

/// <summary>Model versions come from file contents, so they change exactly when a model file changes.</summary>
public static class ModelFile
{
    /// <summary>The first 8 hex digits of the SHA-256 of the file's contents.</summary>
    public static string ContentHash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file))[..8];
    }

    /// <summary>8 hex digits standing for several versions together, without reading their files again.</summary>
    public static string Combine(params string[] versions) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', versions))))[..8];

    /// <summary>"yolov8n-1a2b3c4d" for models/yolov8n.onnx.</summary>
    public static string Version(string path) => Path.GetFileNameWithoutExtension(path) + "-" + ContentHash(path);
}
