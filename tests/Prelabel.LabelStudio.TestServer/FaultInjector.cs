using System.Collections.Concurrent;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>
/// Faults applied to requests by exact path (no query), on either listener: before the endpoint runs, or, for a dropped
/// answer, after it ran. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, FailRule> _failures = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, (long Bytes, bool DeclareLength)> _oversized = new();
    private readonly ConcurrentDictionary<string, int> _drops = new();
    private readonly ConcurrentDictionary<string, ChaosRule> _chaos = new();

    /// <summary>The next <paramref name="count"/> requests to <paramref name="path"/> answer <paramref name="status"/> with a DRF-style JSON body.</summary>
    public void FailNext(string path, int count, int status, TimeSpan? retryAfter = null) =>
        _failures[path] = new FailRule(count, status, retryAfter);

    /// <summary>Requests to <paramref name="path"/> wait this long (or until the client goes away) before being handled.</summary>
    public void Delay(string path, TimeSpan delay) => _delays[path] = delay;

    /// <summary>Requests to <paramref name="path"/> get <paramref name="bytes"/> zero bytes, with or without a Content-Length header.</summary>
    public void ServeOversizedBody(string path, long bytes, bool declareLength = true) => _oversized[path] = (bytes, declareLength);

    /// <summary>
    /// The next <paramref name="count"/> requests to <paramref name="path"/> are handled in full (an import creates its
    /// tasks), then the connection is aborted without an answer, as when a proxy or the network fails after the commit.
    /// </summary>
    public void DropConnectionAfterCommit(string path, int count) => _drops[path] = count;

    /// <summary>
    /// From now on each request to <paramref name="path"/> is faulted with probability <paramref name="failureRate"/> (0-1),
    /// with one of <paramref name="faults"/> picked evenly, by a Random seeded with <paramref name="seed"/>. Replaces an
    /// earlier chaos rule for the path. For soak tests.
    /// </summary>
    /// <param name="delay">How long a <see cref="ChaosFault.Delay"/> holds a request; make it longer than the client's timeout. Default 1 minute.</param>
    /// <returns>The counts of what the rule does, updated live.</returns>
    public ChaosStats Chaos(string path, int seed, double failureRate, TimeSpan? delay = null, ChaosFault faults = ChaosFault.All)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failureRate, 1);
        var rule = new ChaosRule(seed, failureRate, delay ?? TimeSpan.FromMinutes(1), faults);
        _chaos[path] = rule;
        return rule.Stats;
    }

    public void Clear()
    {
        _failures.Clear();
        _delays.Clear();
        _oversized.Clear();
        _drops.Clear();
        _chaos.Clear();
    }

    /// <summary>Applies the faults for the request's path, running <paramref name="next"/> unless a fault answers instead.</summary>
    internal async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (_delays.TryGetValue(path, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        var chaos = _chaos.TryGetValue(path, out var rule) ? rule.Draw() : ChaosFault.None;
        switch (chaos)
        {
            case ChaosFault.ServerError:
                await FailAsync(context, 500, null);
                return;
            case ChaosFault.RateLimit:
                await FailAsync(context, 429, TimeSpan.FromSeconds(1));
                return;
            case ChaosFault.Delay:
                await Task.Delay(rule!.Delay, context.RequestAborted);
                break;
        }

        if (TakeFailure(path) is { } failure)
        {
            await FailAsync(context, failure.Status, failure.RetryAfter);
            return;
        }

        if (_oversized.TryGetValue(path, out var oversized))
        {
            await WriteZerosAsync(context, oversized.Bytes, oversized.DeclareLength);
            return;
        }

        if (chaos == ChaosFault.DropAfterCommit || TakeDrop(path))
        {
            // The endpoint's answer goes nowhere, so Kestrel never starts the response; then the connection goes.
            context.Response.Body = Stream.Null;
            await next(context);
            context.Abort();
            return;
        }

        await next(context);
    }

    private static Task FailAsync(HttpContext context, int status, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString();
        }

        return DrfResults.Detail(status, $"Injected failure {status}.").ExecuteAsync(context);
    }

    private FailRule? TakeFailure(string path)
    {
        while (_failures.TryGetValue(path, out var rule))
        {
            var next = rule with { Remaining = rule.Remaining - 1 };
            var updated = next.Remaining > 0 ? _failures.TryUpdate(path, next, rule) : _failures.TryRemove(new KeyValuePair<string, FailRule>(path, rule));
            if (updated)
            {
                return rule;
            }
        }

        return null;
    }

    private bool TakeDrop(string path)
    {
        while (_drops.TryGetValue(path, out var left))
        {
            if (left > 1 ? _drops.TryUpdate(path, left - 1, left) : _drops.TryRemove(new KeyValuePair<string, int>(path, left)))
            {
                return left > 0;
            }
        }

        return false;
    }

    private static async Task WriteZerosAsync(HttpContext context, long bytes, bool declareLength)
    {
        context.Response.ContentType = "application/octet-stream";
        if (declareLength)
        {
            context.Response.ContentLength = bytes;
        }

        var chunk = new byte[64 * 1024];
        try
        {
            for (long written = 0; written < bytes; written += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - written)), context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped reading at its size cap, which is what the tests want.
        }
    }

    private sealed record FailRule(int Remaining, int Status, TimeSpan? RetryAfter);
}
