namespace Prelabel.LabelStudio.Client;

/// <summary>Where a task URI is read from: a file under LOCAL_FILES_DOCUMENT_ROOT, or an HTTP(S) URL.</summary>
internal sealed record MediaSource(string? LocalPath, Uri? Url, string Description)
{
    public static MediaSource File(string path) => new(path, null, $"the file {path}");

    public static MediaSource Http(Uri url, string description) => new(null, url, description);
}
