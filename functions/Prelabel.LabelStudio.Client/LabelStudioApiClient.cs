using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Reads projects and their annotated tasks from the Label Studio REST API, authenticated as TaskMediaClient is
/// (legacy <c>Token</c>, or a Personal Access Token exchanged for <c>Bearer</c> access tokens, refreshed on expiry
/// and once after a 401). 429 and 5xx answers are retried a bounded number of times, honouring Retry-After.
/// Every failure is a <see cref="LabelStudioRequestFailedException"/>; caller cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LabelStudioApiClient : IDisposable
{
    private readonly string _baseUrl;
    private readonly LabelStudioClientOptions _options;
    private readonly LabelStudioApiClientOptions _apiOptions;
    private readonly HttpClient _httpClient;
    private readonly LabelStudioTokenProvider _tokens;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <param name="options">LABEL_STUDIO_URL (required here), LABEL_STUDIO_API_KEY, VERIFY_SSL; validated here, later changes are not seen.</param>
    /// <param name="handler">
    /// Replaces the transport (tests, proxies); not owned. Without it a <see cref="SocketsHttpHandler"/> with the same
    /// connect-time SSRF guard as TaskMediaClient is created and owned; LABEL_STUDIO_URL's host and port are always allowed.
    /// </param>
    /// <param name="apiOptions">Time limits, retries and page size; defaults when null.</param>
    public LabelStudioApiClient(
        LabelStudioClientOptions options,
        HttpMessageHandler? handler = null,
        ILogger? logger = null,
        LabelStudioApiClientOptions? apiOptions = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            throw new InvalidOperationException("LABEL_STUDIO_URL is not set; set it to the Label Studio base URL, e.g. http://label-studio:8080.");
        }

        _apiOptions = apiOptions ?? new LabelStudioApiClientOptions();
        _apiOptions.Validate();
        _options = options;
        _baseUrl = options.Url.Trim().TrimEnd('/');
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Delay = (delay, cancellationToken) => Task.Delay(delay, _time, cancellationToken);
        _httpClient = handler is null
            ? new HttpClient(TaskMediaClient.CreateHandler(options, new GuardedConnector(new HostAllowList(new Uri(_baseUrl), options.AllowedHosts))), disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _httpClient.Timeout = Timeout.InfiniteTimeSpan;
        _tokens = new LabelStudioTokenProvider(options, _httpClient, _logger, timeProvider);
    }

    /// <summary>Waits between retries; replaced by tests to record the delays instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; }

    /// <summary>Reads id, title and labeling configuration of a project (<c>GET /api/projects/{id}/</c>).</summary>
    public Task<LabelStudioProject> GetProjectAsync(long projectId, CancellationToken cancellationToken = default) =>
        SendAsync(() => CreateGetProjectRequest(projectId), $"reading project {projectId}", projectId, LabelStudioJson.ReadProject, cancellationToken);

    /// <summary>
    /// Every task of the project with its data and annotations, cancelled ones included, page by page through
    /// <c>GET /api/tasks/?project={id}&amp;page={n}&amp;page_size={k}&amp;fields=all&amp;resolve_uri=false</c>, so task data
    /// keeps the URIs as stored (e.g. <c>azure-blob://</c>). Tasks created or deleted while paging may be missed or repeated.
    /// </summary>
    public async IAsyncEnumerable<LabelStudioTask> ListTasksAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long listed = 0;
        for (var page = 1; ; page++)
        {
            var result = await GetTaskPageAsync(projectId, page, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                yield break;
            }

            foreach (var task in result.Tasks)
            {
                yield return task;
            }

            listed += result.Tasks.Count;
            // Page size is not trusted: Label Studio caps it at TASK_API_PAGE_SIZE_MAX, so the total decides.
            if (result.Tasks.Count == 0 || result.Total is not { } total || listed >= total)
            {
                yield break;
            }
        }
    }

    /// <summary>The tasks of the project with at least one annotation that was submitted, not skipped.</summary>
    public async IAsyncEnumerable<LabelStudioTask> ListAnnotatedTasksAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var task in ListTasksAsync(projectId, cancellationToken).ConfigureAwait(false))
        {
            if (task.CompletedAnnotations.Any())
            {
                yield return task;
            }
        }
    }

    public void Dispose() => _httpClient.Dispose();

    private async Task<TaskPage?> GetTaskPageAsync(long projectId, int page, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(
                () => CreateListTasksRequest(projectId, page, _apiOptions.PageSize), $"listing tasks of project {projectId} (page {page})", projectId,
                LabelStudioJson.ReadTaskPage, cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioRequestFailedException error) when (error.Status == 404 && page > 1)
        {
            // Django REST framework answers 404 "Invalid page." past the last page.
            _logger.LogDebug("Label Studio has no task page {Page} for project {ProjectId}: {Detail}", page, projectId, error.Detail);
            return null;
        }
    }

    private HttpRequestMessage CreateGetProjectRequest(long projectId) =>
        new(HttpMethod.Get, $"{_baseUrl}/api/projects/{projectId.ToString(CultureInfo.InvariantCulture)}/");

    private HttpRequestMessage CreateListTasksRequest(long projectId, int page, int pageSize) =>
        new(HttpMethod.Get, string.Create(
            CultureInfo.InvariantCulture,
            $"{_baseUrl}/api/tasks/?project={projectId}&page={page}&page_size={pageSize}&fields=all&resolve_uri=false"));

    private async Task<T> SendAsync<T>(
        Func<HttpRequestMessage> createRequest, string what, long projectId, Func<string, string, T> parse, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendTimedAsync(createRequest, what, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return parse(body, what);
            }

            var request = response.RequestMessage!;
            var retryAfter = RetryAfter(response);
            if ((status == 429 || status >= 500) && attempt <= _apiOptions.MaxRetries)
            {
                var delay = retryAfter ?? Backoff(attempt);
                if (delay <= _apiOptions.MaxRetryDelay)
                {
                    _logger.LogWarning(
                        "Label Studio answered {Status} to {Method} {Path}; retry {Retry} of {MaxRetries} in {DelaySeconds} s",
                        status, request.Method, request.RequestUri!.PathAndQuery, attempt, _apiOptions.MaxRetries, delay.TotalSeconds);
                    await Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            throw LabelStudioApiErrors.FromStatus(
                status, what, request, LabelStudioJson.ReadDetail(body), projectId, attempt, retryAfter, _apiOptions, _options, _tokens.IsPersonalAccessToken);
        }
    }

    private async Task<HttpResponseMessage> SendTimedAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_apiOptions.RequestTimeout);
        try
        {
            var authorization = await AuthorizeAsync(what, () => _tokens.GetAuthorizationAsync(timeout.Token)).ConfigureAwait(false);
            var response = await SendOnceAsync(createRequest, authorization, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authorization is not null
                && await AuthorizeAsync(what, () => _tokens.RefreshAfterUnauthorizedAsync(authorization, timeout.Token)).ConfigureAwait(false) is { } refreshed)
            {
                response.Dispose();
                response = await SendOnceAsync(createRequest, refreshed, timeout.Token).ConfigureAwait(false);
            }

            return response;
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LabelStudioRequestFailedException(
                $"Label Studio did not answer {what} within {_apiOptions.RequestTimeout.TotalSeconds:0.###} s; check that LABEL_STUDIO_URL={_baseUrl} is healthy or raise the request timeout.",
                0, null, error);
        }
        catch (HttpRequestException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw LabelStudioApiErrors.FromTransport(what, _baseUrl, error);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Buffered, so reading the body is covered by the same time limit.
        return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AuthenticationHeaderValue?> AuthorizeAsync(string what, Func<ValueTask<AuthenticationHeaderValue?>> getHeader)
    {
        try
        {
            return await getHeader().ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (error.StatusCode is not null || error.InnerException is null)
        {
            // The token provider's messages already name the fix and never contain the token.
            throw new LabelStudioRequestFailedException($"Cannot authenticate {what}: {error.Message}", (int?)error.StatusCode ?? 0, null, error);
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_apiOptions.MaxRetryDelay.Ticks, _apiOptions.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
