using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Downloads the media a Label Studio task points to, in every URI form Label Studio stores: uploads,
/// local files, cloud storage URIs (through Label Studio's resolver and its 303 to a presigned URL) and plain URLs.
/// Every connection passes the SSRF guard; every failure is a <see cref="MediaNotReachableException"/>.
/// </summary>
public sealed class TaskMediaClient : IDisposable
{
    private const int MaxRedirects = 5;
    private const int FirstBufferBytes = 81920;

    private readonly LabelStudioClientOptions _options;
    private readonly Uri? _labelStudioUrl;
    private readonly HttpClient _httpClient;
    private readonly GuardedConnector _guard;
    private readonly MediaUriResolver _resolver;
    private readonly LabelStudioTokenProvider _tokens;
    private readonly ILogger _logger;

    /// <param name="options">Validated here; later changes are not seen.</param>
    /// <param name="handler">
    /// Replaces the guarded transport (tests, proxies); not owned. Without it a <see cref="SocketsHttpHandler"/> with the
    /// connect-time SSRF guard is created and owned. Literal IP hosts are checked before sending either way.
    /// </param>
    public TaskMediaClient(LabelStudioClientOptions options, HttpMessageHandler? handler = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _labelStudioUrl = string.IsNullOrWhiteSpace(options.Url) ? null : new Uri(options.Url);
        _guard = new GuardedConnector(new HostAllowList(_labelStudioUrl, options.AllowedHosts));
        _httpClient = handler is null
            ? new HttpClient(CreateHandler(options, _guard), disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _httpClient.Timeout = Timeout.InfiniteTimeSpan;
        var localFiles = string.IsNullOrWhiteSpace(options.LocalFilesDocumentRoot) ? null : new LocalFilesRoot(options.LocalFilesDocumentRoot);
        _resolver = new MediaUriResolver(_labelStudioUrl, localFiles);
        _tokens = new LabelStudioTokenProvider(options, _httpClient, _logger, timeProvider);
    }

    /// <summary>Reads the whole media file into memory, at most MEDIA_MAX_BYTES, within MEDIA_TIMEOUT_SECONDS.</summary>
    /// <param name="uri">The value from <c>task.data</c>.</param>
    /// <param name="taskId">The task id; required for s3://, gs:// and azure-blob:// URIs.</param>
    public async Task<byte[]> DownloadAsync(string uri, long? taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        var source = _resolver.Resolve(uri.Trim(), taskId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DownloadTimeout);
        try
        {
            return source.LocalPath is { } path
                ? await ReadFileAsync(uri, path, timeout.Token).ConfigureAwait(false)
                : await DownloadHttpAsync(uri, source, timeout.Token).ConfigureAwait(false);
        }
        catch (MediaNotReachableException error) when (MediaErrors.Display(uri, _labelStudioUrl) is var shown && shown != uri)
        {
            // A task URL may itself be presigned; its query stays out of messages and logs.
            throw new MediaNotReachableException(error.Message.Replace(uri, shown, StringComparison.Ordinal), uri, error.Status, error.InnerException);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaNotReachableException(
                $"Downloading {MediaErrors.Display(uri, _labelStudioUrl)} from {source.Description} timed out after {_options.DownloadTimeout.TotalSeconds:0.###} s; raise MEDIA_TIMEOUT_SECONDS or check that the server is reachable.",
                uri, 0, error);
        }
    }

    public void Dispose() => _httpClient.Dispose();

    private async Task<byte[]> ReadFileAsync(string uri, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length > _options.MaxDownloadBytes)
        {
            throw TooLarge(uri, $"{path} has {length} bytes");
        }

        _logger.LogDebug("Reading task media from {Path}", path);
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> DownloadHttpAsync(string uri, MediaSource source, CancellationToken cancellationToken)
    {
        var current = source.Url!;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var response = await SendAsync(uri, current, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                current = NextHop(uri, current, response);
                _logger.LogDebug("Following a {Status} redirect for {Uri} to {Target}", (int)response.StatusCode, MediaErrors.Display(uri, _labelStudioUrl), MediaErrors.Redact(current, _labelStudioUrl));
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw MediaErrors.FromStatus(uri, source.Description, current, response, IsLabelStudio(current), _options, _tokens.IsPersonalAccessToken);
            }

            return await ReadCappedAsync(uri, current, response, cancellationToken).ConfigureAwait(false);
        }

        throw new MediaNotReachableException($"Downloading {uri} gave up after {MaxRedirects} redirects; the server redirects in a loop.", uri);
    }

    private async Task<HttpResponseMessage> SendAsync(string uri, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            CheckLiteralAddress(url);

            // Credentials go only to Label Studio's own origin, so a redirect or a task URL elsewhere never sees them.
            var authorization = IsLabelStudio(url) ? await AuthorizeAsync(uri, () => _tokens.GetAuthorizationAsync(cancellationToken)).ConfigureAwait(false) : null;
            var response = await SendOnceAsync(url, authorization, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authorization is not null
                && await AuthorizeAsync(uri, () => _tokens.RefreshAfterUnauthorizedAsync(authorization, cancellationToken)).ConfigureAwait(false) is { } refreshed)
            {
                response.Dispose();
                response = await SendOnceAsync(url, refreshed, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch (AddressBlockedException blocked)
        {
            throw new MediaNotReachableException($"Cannot download {uri} from {MediaErrors.Redact(url, _labelStudioUrl)}: {blocked.Message}.", uri, 0, blocked);
        }
        catch (HttpRequestException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw MediaErrors.FromTransport(uri, url, error, _labelStudioUrl);
        }
    }

    private static async Task<AuthenticationHeaderValue?> AuthorizeAsync(string uri, Func<ValueTask<AuthenticationHeaderValue?>> getHeader)
    {
        try
        {
            return await getHeader().ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (error.InnerException is not AddressBlockedException)
        {
            var detail = error.StatusCode is null && error.InnerException is not null
                ? $"could not refresh the access token from LABEL_STUDIO_URL ({error.Message}); check that Label Studio is reachable"
                : error.Message;
            throw new MediaNotReachableException($"Cannot download {uri}: {detail}", uri, (int?)error.StatusCode ?? 0, error);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(Uri url, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = authorization;
        return _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private void CheckLiteralAddress(Uri url)
    {
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address))
        {
            _guard.EnsureAllowed(url.IdnHost, url.Port, address);
        }
    }

    private Uri NextHop(string uri, Uri current, HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw new MediaNotReachableException($"{(int)response.StatusCode} from {MediaErrors.Redact(current, _labelStudioUrl)} for {uri} has no Location header.", uri, (int)response.StatusCode);
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        return next.Scheme is "http" or "https"
            ? next
            : throw new MediaNotReachableException($"{MediaErrors.Redact(current, _labelStudioUrl)} redirected {uri} to a {next.Scheme}: URL; only http and https are followed.", uri, (int)response.StatusCode);
    }

    private async Task<byte[]> ReadCappedAsync(string uri, Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = _options.MaxDownloadBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > max)
        {
            throw TooLarge(uri, $"{MediaErrors.Redact(url, _labelStudioUrl)} declares {declared} bytes");
        }

        // The buffer grows only as bytes arrive, so a server that declares 64 MB and sends nothing holds no memory; with a
        // Content-Length (which the handler enforces) it ends at exactly that size and needs no final copy.
        var limit = declared ?? max;
        var buffer = new byte[(int)Math.Min(limit, FirstBufferBytes)];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == limit)
                {
                    if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
                    {
                        throw TooLarge(uri, $"{MediaErrors.Redact(url, _labelStudioUrl)} sent more than {max} bytes");
                    }

                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, limit));
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MediaNotReachableException(
                    $"Cannot download {uri} from {MediaErrors.Redact(url, _labelStudioUrl)}: the connection closed after {length} of {(declared is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an unknown number of")} bytes ({error.Message}).",
                    uri, 0, error);
            }

            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    private MediaNotReachableException TooLarge(string uri, string what) =>
        new($"{uri} is larger than MEDIA_MAX_BYTES={_options.MaxDownloadBytes}: {what}; raise MEDIA_MAX_BYTES if such files are expected.", uri);

    private bool IsLabelStudio(Uri url) => _labelStudioUrl is not null && MediaErrors.SameOrigin(url, _labelStudioUrl);

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    internal static SocketsHttpHandler CreateHandler(LabelStudioClientOptions options, GuardedConnector guard)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so every hop is checked and credentials are dropped across origins.
            AllowAutoRedirect = false,
            // A proxy would make the connect-time guard see the proxy's address instead of the target's.
            UseProxy = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!options.VerifySsl)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return handler;
    }
}
