namespace Prelabel.LabelStudio.Client;

/// <summary>
/// LOCAL_FILES_DOCUMENT_ROOT on disk. Resolves a <c>?d=</c> path to a real file inside the root, refusing
/// <c>..</c> segments, rooted paths and symbolic links that lead outside it.
/// </summary>
internal sealed class LocalFilesRoot(string documentRoot)
{
    private const int MaxLinkDepth = 40;

    public string DocumentRoot { get; } = documentRoot;

    /// <summary>The real path of the file, or null when it does not exist. Throws <see cref="UnauthorizedAccessException"/> on escape.</summary>
    public string? TryResolve(string relativePath)
    {
        // Label Studio strips leading slashes the same way (posixpath.normpath(path).lstrip('/')).
        var relative = relativePath.Replace('\\', '/').TrimStart('/');
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (relative.Contains('\0') || segments.Any(s => s == "..") || Path.IsPathRooted(relative) || segments.Any(s => s.Contains(':')))
        {
            throw new UnauthorizedAccessException($"'{relativePath}' leaves LOCAL_FILES_DOCUMENT_ROOT (path traversal)");
        }

        var root = RealPath(Path.GetFullPath(DocumentRoot), 0);
        if (root is null)
        {
            return null;
        }

        var real = RealPath(Path.Join(root, string.Join(Path.DirectorySeparatorChar, segments)), 0);
        if (real is null)
        {
            return null;
        }

        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!real.StartsWith(rootWithSeparator, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"'{relativePath}' is a symbolic link leading outside LOCAL_FILES_DOCUMENT_ROOT");
        }

        return File.Exists(real) ? real : null;
    }

    // Like POSIX realpath: every component that is a link is replaced by its target, recursively; null when missing.
    private static string? RealPath(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new UnauthorizedAccessException("too many levels of symbolic links under LOCAL_FILES_DOCUMENT_ROOT");
        }

        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var segment in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Join(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                var resolved = RealPath(Path.IsPathRooted(target) ? target : Path.Join(current, target), depth + 1);
                if (resolved is null)
                {
                    return null;
                }

                current = resolved;
            }
            else if (info.Exists || Directory.Exists(next))
            {
                current = next;
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
