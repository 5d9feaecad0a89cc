namespace Prelabel.Storage;

/// <summary>Service, container, blob and queue addresses, built the way the service parses them.</summary>
internal static class StorageUris
{
    /// <summary><paramref name="parent"/>/<paramref name="name"/>, each segment of the name escaped; '/' stays a separator, as blob names use it for folders.</summary>
    public static Uri Child(Uri parent, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
        return new Uri(parent.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path + parent.Query);
    }

    /// <summary>An absolute http(s) service address, e.g. https://account.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</summary>
    public static Uri? Service(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
