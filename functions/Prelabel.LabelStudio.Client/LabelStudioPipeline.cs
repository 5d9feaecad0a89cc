using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// Sends Label Studio REST requests: authorization (refreshed once after a 401), one time limit per attempt, and a bounded
/// number of retries honouring Retry-After, on 429 always and on 5xx only for idempotent calls. Every failure is a
/// <see cref="LabelStudioRequestFailedException"/>; caller cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="httpClient">Not owned.</param>
internal sealed class LabelStudioPipeline(
    string baseUrl,
    LabelStudioClientOptions options,
    LabelStudioApiClientOptions apiOptions,
    HttpClient httpClient,
    LabelStudioTokenProvider tokens,
    ILogger logger,
    TimeProvider time)
{
    /// <summary>Waits between retries; replaced by tests to record the delays instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, cancellationToken) => Task.Delay(delay, time, cancellationToken);

    /// <param name="createRequest">Called once per attempt; the pipeline adds the Authorization and Accept headers and disposes the request.</param>
    /// <param name="parse">Reads a 2xx body; given an empty body when <see cref="LabelStudioCall.GoneOnRetryIsDone"/> applies.</param>
    public async Task<T> SendAsync<T>(
        LabelStudioCall call, Func<HttpRequestMessage> createRequest, Func<string, string, T> parse, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendTimedAsync(call, createRequest, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return parse(body, call.What);
            }

            var request = response.RequestMessage!;
            if (status == 404 && attempt > 1 && call.GoneOnRetryIsDone)
            {
                logger.LogDebug("Label Studio answered 404 to {Method} {Path} on attempt {Attempt}; an earlier attempt did it", request.Method, request.RequestUri!.AbsolutePath, attempt);
                return parse("", call.What);
            }

            var retryAfter = RetryAfter(response);
            if ((status == 429 || (status >= 500 && call.Idempotent)) && attempt <= apiOptions.MaxRetries)
            {
                var delay = retryAfter ?? Backoff(attempt);
                if (delay <= apiOptions.MaxRetryDelay)
                {
                    logger.LogWarning(
                        "Label Studio answered {Status} to {Method} {Path}; retry {Retry} of {MaxRetries} in {DelaySeconds} s",
                        status, request.Method, request.RequestUri!.PathAndQuery, attempt, apiOptions.MaxRetries, delay.TotalSeconds);
                    await Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            throw LabelStudioApiErrors.FromStatus(
                status, call, request, LabelStudioErrorDetail.Read(body), attempt, retryAfter, apiOptions, options, tokens.IsPersonalAccessToken);
        }
    }

    private async Task<HttpResponseMessage> SendTimedAsync(LabelStudioCall call, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(apiOptions.RequestTimeout);
        // Whether Label Studio may have received the request: decides whether a creating call "may have taken effect".
        var sent = false;
        try
        {
            var authorization = await AuthorizeAsync(call.What, () => tokens.GetAuthorizationAsync(timeout.Token)).ConfigureAwait(false);
            sent = true;
            var response = await SendOnceAsync(createRequest, authorization, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || authorization is null)
            {
                return response;
            }

            // A 401 is answered before anything is done, so even a creating call may go once more with a fresh token.
            sent = false;
            var refreshed = await AuthorizeAsync(call.What, () => tokens.RefreshAfterUnauthorizedAsync(authorization, timeout.Token)).ConfigureAwait(false);
            if (refreshed is null)
            {
                return response;
            }

            response.Dispose();
            sent = true;
            return await SendOnceAsync(createRequest, refreshed, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw LabelStudioApiErrors.Timeout(call, baseUrl, apiOptions.RequestTimeout, sent && !call.Idempotent, error);
        }
        catch (HttpRequestException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw LabelStudioApiErrors.FromTransport(call, baseUrl, error, sent);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Buffered, so reading the body is covered by the same time limit.
        return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
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
            var status = (int?)error.StatusCode ?? 0;
            throw new LabelStudioRequestFailedException(
                $"Cannot authenticate {what}: {error.Message}", status, null, error, isTransient: LabelStudioApiErrors.IsTransientStatus(status));
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(apiOptions.MaxRetryDelay.Ticks, apiOptions.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
