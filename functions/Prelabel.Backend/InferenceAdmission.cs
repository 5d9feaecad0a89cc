using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Prelabel.Backend;

/// <summary>
/// At most <see cref="AdmissionOptions.Concurrency"/> predictions run at once; up to <see cref="AdmissionOptions.QueueLength"/>
/// wait behind them, oldest first, each for at most <see cref="AdmissionOptions.MaxWait"/>. Past that the caller is told
/// at once to come back later: throughput stops growing once the cores are busy, so a longer queue only makes every
/// answer late, and Label Studio gives /predict a fixed time.
/// </summary>
public sealed class InferenceAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly AdmissionOptions _options;
    // Moving average of how long admitted work took, in ticks: what Retry-After is estimated from.
    private long _averageTicks = TimeSpan.FromSeconds(1).Ticks;

    public InferenceAdmission(AdmissionOptions options)
    {
        _options = options;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrency,
            QueueLimit = options.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Runs <paramref name="work"/> once a slot is free, or throws a 503 <see cref="BackendException"/> with Retry-After.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            var ticks = clock.Elapsed.Ticks;
            var average = Interlocked.Read(ref _averageTicks);
            Interlocked.Exchange(ref _averageTicks, average + (ticks - average) / 8);
        }
    }

    private async Task<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.MaxWait);
        RateLimitLease lease;
        var waiting = Stopwatch.StartNew();
        try
        {
            lease = await _limiter.AcquireAsync(1, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Busy($"it waited {_options.MaxWait.TotalSeconds:0.#} s (INFERENCE_MAX_WAIT_SECONDS) behind {_options.Concurrency} running and no slot came free");
        }
        if (lease.IsAcquired)
        {
            PrelabelTelemetry.Waited(waiting.Elapsed);
            return lease;
        }
        lease.Dispose();
        throw Busy($"{_options.Concurrency} predictions are running (INFERENCE_CONCURRENCY) and {_options.QueueLength} waiting (INFERENCE_QUEUE)");
    }

    private BackendException Busy(string why)
    {
        PrelabelTelemetry.RefusedBusy();
        var statistics = _limiter.GetStatistics();
        var ahead = _options.Concurrency - (statistics?.CurrentAvailablePermits ?? 0) + (statistics?.CurrentQueuedCount ?? 0);
        // Roughly when a slot will be free for it: the work ahead, spread over the slots.
        var seconds = Math.Ceiling(TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks)).TotalSeconds * Math.Max(1, ahead) / _options.Concurrency);
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60));
        return BackendException.Busy($"This instance is busy: {why}. Try again in {retryAfter.TotalSeconds:0} s.", retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>How many predictions one instance runs and queues (INFERENCE_CONCURRENCY, INFERENCE_QUEUE, INFERENCE_MAX_WAIT_SECONDS).</summary>
public sealed record AdmissionOptions
{
    /// <summary>Predictions running at once; by default one per core, as each ONNX Runtime run already uses every core.</summary>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Predictions allowed to wait for a slot; beyond that a request is refused at once.</summary>
    public int QueueLength { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>The longest a prediction waits for a slot before it is refused.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);
}
