using System.Security.Cryptography;

namespace Prelabel.Inference;

/// <summary>Model versions come from file contents, so they change exactly when a model file changes.</summary>
public static class ModelFile
{
    /// <summary>The first 8 hex digits of the SHA-256 of the files' contents, in order.</summary>
    public static string ContentHash(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var path in paths)
        {
            using var file = File.OpenRead(path);
            for (int read; (read = file.Read(buffer)) > 0;) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    /// <summary>"yolov8n-1a2b3c4d" for models/yolov8n.onnx.</summary>
    public static string Version(string path) => Path.GetFileNameWithoutExtension(path) + "-" + ContentHash(path);
}
