namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Settings of <see cref="LabelStudioClient"/>, bound once by the host under the names users already know from
/// label-studio-ml-backend; the endpoint and the API key are the client's own arguments. Nothing in this library reads
/// the environment.
/// </summary>
public sealed class LabelStudioClientOptions
{
    /// <summary>LOCAL_FILES_DOCUMENT_ROOT: where <c>/data/local-files/?d=</c> paths are read from disk before asking Label Studio.</summary>
    public string? LocalFilesDocumentRoot { get; set; }

    /// <summary>
    /// MEDIA_ALLOWED_HOSTS: hosts that may resolve to loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
    /// carrier-grade NAT (100.64/10) or unspecified addresses. Link-local and cloud metadata addresses are never allowed.
    /// An entry <c>host</c> allows every port of that host; an entry <c>host:port</c> (IPv6 as <c>[::1]:8080</c>)
    /// allows only that port. Entries may also be comma- or space-separated lists, so the raw variable can be bound
    /// as one element. The endpoint's host and port are always allowed; other ports of the same host are not.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>MEDIA_MAX_BYTES: largest media file accepted, in bytes. Default 64 MiB.</summary>
    public long MaxDownloadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>MEDIA_TIMEOUT_SECONDS: time allowed for one whole download, redirects, retries and token refresh included. Default 30 s.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>VERIFY_SSL: false skips TLS certificate validation for every request (self-signed Label Studio).</summary>
    public bool VerifySsl { get; set; } = true;

    /// <summary>LABEL_STUDIO_TIMEOUT_SECONDS: time allowed for one attempt of a REST call, token refresh and reading the answer included. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one REST call, every attempt and wait included. Default 3 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries of a failed attempt, on top of the first. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Median back-off before the first retry when the server sends no Retry-After; jittered, about doubled for each further retry. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry; a Retry-After asking for more ends the retries. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Attempts to Label Studio within 30 s before the circuit may open: when at least this many were made and 80 % of them
    /// failed (5xx, 408, timeout, no connection), calls fail at once for <see cref="CircuitBreakDuration"/>. Default 10.
    /// </summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit refuses calls to Label Studio before one is let through to probe it. Default 15 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Tasks asked for per page of <c>/api/tasks/</c>. Label Studio may return fewer (TASK_API_PAGE_SIZE_MAX). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Replaces the guarded transport (tests, proxies); not owned. Without it a <see cref="SocketsHttpHandler"/> with the
    /// connect-time SSRF guard is created and owned. Literal IP hosts of media URLs are checked before sending either way.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>The clock of token expiry, back-off and the circuit breaker; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (MaxDownloadBytes <= 0)
        {
            throw new InvalidOperationException($"MEDIA_MAX_BYTES={MaxDownloadBytes} must be a positive number of bytes.");
        }

        if (DownloadTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"MEDIA_TIMEOUT_SECONDS={DownloadTimeout.TotalSeconds} must be positive.");
        }

        if (RequestTimeout <= TimeSpan.Zero || TotalTimeout < RequestTimeout)
        {
            throw new InvalidOperationException(
                $"LABEL_STUDIO_TIMEOUT_SECONDS={RequestTimeout.TotalSeconds} must be positive and at most the total time of a call ({TotalTimeout.TotalSeconds} s).");
        }

        if (MaxRetries < 0)
        {
            throw new InvalidOperationException($"{nameof(MaxRetries)}={MaxRetries} must be zero or more.");
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new InvalidOperationException($"{nameof(RetryDelay)}={RetryDelay} must be zero or more and at most {nameof(MaxRetryDelay)}={MaxRetryDelay}.");
        }

        // Polly's own bounds for a circuit breaker.
        if (CircuitBreakerMinimumThroughput < 2 || CircuitBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new InvalidOperationException(
                $"{nameof(CircuitBreakerMinimumThroughput)}={CircuitBreakerMinimumThroughput} must be at least 2 and {nameof(CircuitBreakDuration)}={CircuitBreakDuration} at least 0.5 s.");
        }

        if (PageSize <= 0)
        {
            throw new InvalidOperationException($"{nameof(PageSize)}={PageSize} must be positive.");
        }

        _ = HostAllowList.ParseEntries(AllowedHosts);
    }
}
