using System.Buffers.Text;
using System.Text;

namespace Prelabel.LabelStudio.Client;

/// <summary>Maps a task data value to where its bytes are read from (contract §4.1).</summary>
internal sealed class MediaUriResolver(Uri? labelStudioUrl, LocalFilesRoot? localFiles)
{
    private static readonly string[] CloudSchemes = ["azure-blob://", "s3://", "gs://"];

    public MediaSource Resolve(string uri, long? taskId)
    {
        if (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out var absolute)
                ? MediaSource.Http(absolute, "a direct download")
                : throw Fail(uri, "it is not a valid URL");
        }

        if (Array.Exists(CloudSchemes, s => uri.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return ResolveCloud(uri, taskId);
        }

        if (IsLocalFiles(uri))
        {
            return ResolveLocalFiles(uri);
        }

        if (uri.StartsWith("upload/", StringComparison.Ordinal) || uri.StartsWith("/upload/", StringComparison.Ordinal))
        {
            return FromLabelStudio(uri, "/data/" + uri.TrimStart('/'), "a Label Studio upload");
        }

        if (uri.StartsWith('/'))
        {
            return FromLabelStudio(uri, uri, uri.StartsWith("/data/upload/", StringComparison.Ordinal) ? "a Label Studio upload" : "a Label Studio URL");
        }

        throw Fail(uri, "it is neither an http(s) URL, a Label Studio path (/data/upload/…, /data/local-files/?d=…) nor an s3://, gs:// or azure-blob:// URI");
    }

    private MediaSource ResolveCloud(string uri, long? taskId)
    {
        if (taskId is null)
        {
            throw Fail(uri, "cloud storage URIs are resolved by Label Studio per task, and no task id was given");
        }

        // Base64url with padding, as Label Studio decodes it first (and falls back to URL-unquoting).
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(uri));
        encoded += new string('=', (4 - encoded.Length % 4) % 4);
        return FromLabelStudio(uri, $"/tasks/{taskId}/resolve/?fileuri={Uri.EscapeDataString(encoded)}", $"Label Studio's resolver for task {taskId}");
    }

    private static bool IsLocalFiles(string uri) =>
        uri.StartsWith("/data/local-files/?", StringComparison.Ordinal) || uri.StartsWith("/data/local-files?", StringComparison.Ordinal);

    private MediaSource ResolveLocalFiles(string uri)
    {
        var relative = QueryValue(uri[(uri.IndexOf('?') + 1)..], "d");
        if (string.IsNullOrEmpty(relative))
        {
            throw Fail(uri, "it has no ?d= path");
        }

        if (localFiles is not null)
        {
            try
            {
                if (localFiles.TryResolve(relative) is { } path)
                {
                    return MediaSource.File(path);
                }
            }
            catch (UnauthorizedAccessException refused)
            {
                throw LabelStudioRequestFailedException.Media($"Refused to read {uri}: {refused.Message}.", uri);
            }
            catch (IOException error)
            {
                throw LabelStudioRequestFailedException.Media($"Could not read {uri} under LOCAL_FILES_DOCUMENT_ROOT={localFiles.DocumentRoot}: {error.Message}.", uri, 0, error);
            }
        }

        var source = labelStudioUrl is null && localFiles is not null
            ? throw LabelStudioRequestFailedException.Media(
                $"Cannot read {uri}: '{relative}' does not exist under LOCAL_FILES_DOCUMENT_ROOT={localFiles.DocumentRoot}, and LABEL_STUDIO_URL is not set to ask Label Studio; mount the same folder Label Studio serves, or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY.",
                uri)
            : FromLabelStudio(uri, uri, "Label Studio's local-files endpoint");
        return source;
    }

    private MediaSource FromLabelStudio(string uri, string pathAndQuery, string description)
    {
        if (labelStudioUrl is null)
        {
            throw LabelStudioRequestFailedException.Media(
                $"Cannot download {uri}: it is served by Label Studio, but LABEL_STUDIO_URL is not set. Set LABEL_STUDIO_URL (e.g. http://label-studio:8080; not localhost inside Docker) and LABEL_STUDIO_API_KEY.",
                uri);
        }

        var url = new Uri(labelStudioUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);
        return MediaSource.Http(url, description);
    }

    // Django's QueryDict semantics: '+' is a space, then percent-decoding.
    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    private static LabelStudioRequestFailedException Fail(string uri, string why) => LabelStudioRequestFailedException.Media($"Cannot download '{uri}': {why}.", uri);
}
