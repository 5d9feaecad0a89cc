namespace Prelabel.Onnx;

/// <summary>Finds the native ONNX Runtime library (libonnxruntime.so.1, Linux x64).</summary>
public static class OnnxRuntimeLibrary
{
    public const string FileName = "libonnxruntime.so.1";

    /// <summary>Where npm package onnxruntime-node keeps the CPU library, relative to a project root.</summary>
    public static readonly string NodeModulesRelativePath =
        Path.Combine("node_modules", "onnxruntime-node", "bin", "napi-v6", "linux", "x64", FileName);

    /// <summary>
    /// The library to load: <paramref name="configuredPath"/> when given (it must exist); otherwise
    /// <see cref="FileName"/> next to the application; otherwise the npm copy found by walking up from
    /// the application folder.
    /// </summary>
    public static string Locate(string? configuredPath) => Locate(configuredPath, AppContext.BaseDirectory);

    internal static string Locate(string? configuredPath, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var configured = Path.GetFullPath(configuredPath);
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException(
                    $"The configured ONNX Runtime library '{configured}' does not exist.", configured);
        }

        var searched = new List<string>();
        var besideApp = Path.Combine(baseDirectory, FileName);
        searched.Add(besideApp);
        if (File.Exists(besideApp))
        {
            return Path.GetFullPath(besideApp);
        }

        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, NodeModulesRelativePath);
            searched.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"ONNX Runtime library {FileName} not found. Searched:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", searched)
            + $"{Environment.NewLine}Run the setup script (or 'ONNXRUNTIME_NODE_INSTALL=skip npm install' in the repository root) "
            + "to install onnxruntime-node, copy the library next to the application, or configure its path.",
            FileName);
    }
}
