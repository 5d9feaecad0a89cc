using System.Net;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Downloads the media a Label Studio task points to, in every URI form Label Studio stores: uploads,
/// local files, cloud storage URIs (through Label Studio's resolver and its 303 to a presigned URL) and plain URLs.
/// Goes through the pipeline of <see cref="LabelStudioClient"/>: every connection passes the SSRF guard, Label Studio's
/// origin gets its token, and a 5xx, 429 or failed connection is retried while MEDIA_TIMEOUT_SECONDS leaves room.
/// Every failure is a <see cref="LabelStudioRequestFailedException"/> with <see cref="LabelStudioRequestFailedException.MediaUri"/> set.
/// </summary>
public sealed class TaskMediaClient
{
    private const int MaxRedirects = 5;
    private const int FirstBufferBytes = 81920;

    private readonly LabelStudioPipeline _pipeline;
    private readonly LabelStudioClientOptions _options;
    private readonly Uri? _labelStudioUrl;
    private readonly MediaUriResolver _resolver;
    private readonly ILogger _logger;

    internal TaskMediaClient(LabelStudioPipeline pipeline, LabelStudioClientOptions options, ILogger logger)
    {
        _pipeline = pipeline;
        _options = options;
        _logger = logger;
        _labelStudioUrl = pipeline.Endpoint;
        var localFiles = string.IsNullOrWhiteSpace(options.LocalFilesDocumentRoot) ? null : new LocalFilesRoot(options.LocalFilesDocumentRoot);
        _resolver = new MediaUriResolver(_labelStudioUrl, localFiles);
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
        catch (LabelStudioRequestFailedException error) when (MediaErrors.Display(uri, _labelStudioUrl) is var shown && shown != uri)
        {
            // A task URL may itself be presigned; its query stays out of messages and logs.
            throw LabelStudioRequestFailedException.Media(error.Message.Replace(uri, shown, StringComparison.Ordinal), uri, error.Status, error.InnerException, error.IsTransient);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw LabelStudioRequestFailedException.Media(
                $"Downloading {MediaErrors.Display(uri, _labelStudioUrl)} from {source.Description} timed out after {_options.DownloadTimeout.TotalSeconds:0.###} s; raise MEDIA_TIMEOUT_SECONDS or check that the server is reachable.",
                uri, 0, error, isTransient: true);
        }
    }

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
        var deadline = _pipeline.Time.GetUtcNow() + _options.DownloadTimeout;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var response = await SendAsync(uri, current, deadline, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                current = NextHop(uri, current, response);
                _logger.LogDebug("Following a {Status} redirect for {Uri} to {Target}", (int)response.StatusCode, MediaErrors.Display(uri, _labelStudioUrl), MediaErrors.Redact(current, _labelStudioUrl));
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw MediaErrors.FromStatus(uri, source.Description, current, response, IsLabelStudio(current), _pipeline.Tokens);
            }

            return await ReadCappedAsync(uri, current, response, cancellationToken).ConfigureAwait(false);
        }

        throw LabelStudioRequestFailedException.Media($"Downloading {uri} gave up after {MaxRedirects} redirects; the server redirects in a loop.", uri);
    }

    private async Task<HttpResponseMessage> SendAsync(string uri, Uri url, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        try
        {
            CheckLiteralAddress(url);
            // Credentials go only to Label Studio's own origin, so a redirect or a task URL elsewhere never sees them.
            var policy = new LabelStudioRequestPolicy { Idempotent = true, Authorize = IsLabelStudio(url), Deadline = deadline };
            return await _pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), policy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (AddressBlockedException blocked)
        {
            throw LabelStudioRequestFailedException.Media($"Cannot download {uri} from {MediaErrors.Redact(url, _labelStudioUrl)}: {blocked.Message}.", uri, 0, blocked);
        }
        catch (HttpRequestException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw MediaErrors.FromTransport(uri, url, error, _labelStudioUrl);
        }
        catch (LabelStudioCredentialException error)
        {
            throw LabelStudioRequestFailedException.Media($"Cannot download {uri}: {error.Message}", uri, error.Status, error);
        }
        catch (BrokenCircuitException open)
        {
            throw LabelStudioRequestFailedException.Media(
                $"Cannot download {uri}: Label Studio at LABEL_STUDIO_URL={_labelStudioUrl} failed most recent calls, so it is not asked again for "
                + (open.RetryAfter is { } wait ? $"{Math.Ceiling(wait.TotalSeconds):0} s" : "a while") + "; check its logs and health.",
                uri, 0, open, isTransient: true);
        }
    }

    private void CheckLiteralAddress(Uri url)
    {
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address))
        {
            _pipeline.Guard.EnsureAllowed(url.IdnHost, url.Port, address);
        }
    }

    private Uri NextHop(string uri, Uri current, HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw LabelStudioRequestFailedException.Media($"{(int)response.StatusCode} from {MediaErrors.Redact(current, _labelStudioUrl)} for {uri} has no Location header.", uri, (int)response.StatusCode);
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        return next.Scheme is "http" or "https"
            ? next
            : throw LabelStudioRequestFailedException.Media($"{MediaErrors.Redact(current, _labelStudioUrl)} redirected {uri} to a {next.Scheme}: URL; only http and https are followed.", uri, (int)response.StatusCode);
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
                throw LabelStudioRequestFailedException.Media(
                    $"Cannot download {uri} from {MediaErrors.Redact(url, _labelStudioUrl)}: the connection closed after {length} of {(declared is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an unknown number of")} bytes ({error.Message}).",
                    uri, 0, error, isTransient: true);
            }

            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    private LabelStudioRequestFailedException TooLarge(string uri, string what) =>
        LabelStudioRequestFailedException.Media($"{uri} is larger than MEDIA_MAX_BYTES={_options.MaxDownloadBytes}: {what}; raise MEDIA_MAX_BYTES if such files are expected.", uri);

    private bool IsLabelStudio(Uri url) => _labelStudioUrl is not null && MediaErrors.SameOrigin(url, _labelStudioUrl);

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;
}
