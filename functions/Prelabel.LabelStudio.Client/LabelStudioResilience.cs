using System.Security.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Prelabel.LabelStudio.Client;

/// <summary>
/// The Polly pipelines every request goes through, outermost first: retries (jittered exponential back-off, honouring
/// Retry-After; 429 and connections never made always, 5xx, 408, timeouts and dropped connections only for idempotent
/// calls; never past the call's deadline), a circuit breaker for Label Studio's own origin, and the attempt time limit.
/// </summary>
internal sealed class LabelStudioResilience
{
    private const double OutageRatio = 0.8;
    private static readonly TimeSpan OutageSampling = TimeSpan.FromSeconds(30);

    private readonly LabelStudioClientOptions _options;
    private readonly Uri? _endpoint;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _labelStudio;
    private readonly ResiliencePipeline<HttpResponseMessage> _elsewhere;

    public LabelStudioResilience(LabelStudioClientOptions options, Uri? endpoint, ILogger logger, TimeProvider time)
    {
        _options = options;
        _endpoint = endpoint;
        _logger = logger;
        _time = time;
        _labelStudio = Build(circuitBreaker: true);
        _elsewhere = Build(circuitBreaker: false);
    }

    /// <summary>Called with each retry's wait before it starts (tests).</summary>
    public Action<TimeSpan>? RetryScheduled { get; set; }

    /// <summary>Label Studio's origin has its own circuit; presigned storage URLs and other media hosts do not share it.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request) =>
        _endpoint is not null && request.RequestUri is { } url && MediaErrors.SameOrigin(url, _endpoint) ? _labelStudio : _elsewhere;

    /// <summary>A failure that no repetition can fix: a blocked address or a certificate that is not trusted.</summary>
    public static bool IsPermanent(HttpRequestException error) =>
        error.InnerException is AddressBlockedException
        || (error.HttpRequestError == HttpRequestError.SecureConnectionError && error.InnerException is AuthenticationException);

    /// <summary>No connection was made, so the server saw nothing and even a creating call may be sent again.</summary>
    public static bool NeverSent(HttpRequestException error) =>
        error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private ResiliencePipeline<HttpResponseMessage> Build(bool circuitBreaker)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome, args.AttemptNumber)),
                OnRetry = args =>
                {
                    LogRetry(args.Context.GetRequestMessage(), args.Outcome, args.AttemptNumber, args.RetryDelay);
                    RetryScheduled?.Invoke(args.RetryDelay);
                    return default;
                },
            });
        }

        if (circuitBreaker)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = OutageRatio,
                SamplingDuration = OutageSampling,
                MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
                BreakDuration = _options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
                OnOpened = args =>
                {
                    _logger.LogWarning("Label Studio at {Endpoint} is failing; calls to it fail at once for {Seconds} s", _endpoint, args.BreakDuration.TotalSeconds);
                    return default;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Label Studio at {Endpoint} answers again", _endpoint);
                    return default;
                },
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(LabelStudioRequestPolicy.Of(args.Context.GetRequestMessage())?.AttemptTimeout ?? Timeout.InfiniteTimeSpan),
        });
        return builder.Build();
    }

    private bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, int attempt)
    {
        if (LabelStudioRequestPolicy.Of(request) is not { } policy)
        {
            return false;
        }

        var repeatable = outcome switch
        {
            { Result: { } response } => (int)response.StatusCode switch
            {
                429 => true,
                408 or >= 500 => policy.Idempotent,
                _ => false,
            },
            { Exception: HttpRequestException error } => !IsPermanent(error) && (NeverSent(error) || policy.Idempotent),
            { Exception: TimeoutRejectedException } => policy.Idempotent,
            _ => false,
        };
        if (!repeatable)
        {
            return false;
        }

        // Polly's jittered exponential wait for retry n is at most Delay * 2^(n+1); Retry-After replaces it.
        var retryAfter = RetryAfter(outcome.Result);
        var longest = retryAfter ?? TimeSpan.FromTicks((long)Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * Math.Pow(2, attempt + 1)));
        return longest <= _options.MaxRetryDelay && _time.GetUtcNow() + longest < policy.Deadline;
    }

    /// <summary>What a dead or overloaded Label Studio looks like; a 429 or a 4xx means it is alive.</summary>
    private static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => (int)response.StatusCode is 408 or >= 500,
        { Exception: HttpRequestException error } => !IsPermanent(error),
        { Exception: TimeoutRejectedException } => true,
        _ => false,
    };

    public TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private void LogRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, int attempt, TimeSpan delay)
    {
        // The path only: a presigned URL's query is a signature.
        var target = request?.RequestUri?.GetLeftPart(UriPartial.Path);
        var what = outcome.Result is { } response ? $"answered {(int)response.StatusCode}" : $"failed ({outcome.Exception?.GetType().Name})";
        _logger.LogWarning(
            "{Method} {Target} {What}; retry {Retry} of {MaxRetries} in {DelaySeconds:0.###} s",
            request?.Method, target, what, attempt + 1, _options.MaxRetries, delay.TotalSeconds);
    }
}
