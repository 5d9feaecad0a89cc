namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Settings of the Label Studio client, bound once by the host under the names users already know
/// from label-studio-ml-backend. Nothing in this library reads the environment.
/// </summary>
public sealed class LabelStudioClientOptions
{
    /// <summary>LABEL_STUDIO_URL: base URL of Label Studio, e.g. <c>http://label-studio:8080</c> (a path prefix is kept).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// LABEL_STUDIO_API_KEY: a legacy token (sent as <c>Token &lt;key&gt;</c>) or a Personal Access Token
    /// (a JWT refresh token, exchanged at <c>/api/token/refresh/</c> for short-lived <c>Bearer</c> tokens).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>LOCAL_FILES_DOCUMENT_ROOT: where <c>/data/local-files/?d=</c> paths are read from disk before asking Label Studio.</summary>
    public string? LocalFilesDocumentRoot { get; set; }

    /// <summary>
    /// MEDIA_ALLOWED_HOSTS: hosts that may resolve to loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
    /// carrier-grade NAT (100.64/10) or unspecified addresses. Link-local and cloud metadata addresses are never allowed.
    /// An entry <c>host</c> allows every port of that host; an entry <c>host:port</c> (IPv6 as <c>[::1]:8080</c>)
    /// allows only that port. Entries may also be comma- or space-separated lists, so the raw variable can be bound
    /// as one element. The host and port of <see cref="Url"/> are always allowed; other ports of the same host are not.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>MEDIA_MAX_BYTES: largest media file accepted, in bytes. Default 64 MiB.</summary>
    public long MaxDownloadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>MEDIA_TIMEOUT_SECONDS: time allowed for one whole download, redirects and token refresh included. Default 30 s.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>VERIFY_SSL: false skips TLS certificate validation for every download (self-signed Label Studio).</summary>
    public bool VerifySsl { get; set; } = true;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(Url)
            && (!System.Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https")))
        {
            throw new InvalidOperationException($"LABEL_STUDIO_URL='{Url}' is not an absolute http(s) URL, e.g. http://label-studio:8080.");
        }

        if (MaxDownloadBytes <= 0)
        {
            throw new InvalidOperationException($"MEDIA_MAX_BYTES={MaxDownloadBytes} must be a positive number of bytes.");
        }

        if (DownloadTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"MEDIA_TIMEOUT_SECONDS={DownloadTimeout.TotalSeconds} must be positive.");
        }

        _ = HostAllowList.ParseEntries(AllowedHosts);
    }
}
