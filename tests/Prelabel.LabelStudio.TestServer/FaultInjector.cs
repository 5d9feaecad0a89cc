using System.Collections.Concurrent;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>Faults applied to requests by exact path (no query), on either listener, before the endpoint runs.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, FailRule> _failures = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, (long Bytes, bool DeclareLength)> _oversized = new();

    /// <summary>The next <paramref name="count"/> requests to <paramref name="path"/> answer <paramref name="status"/> with a DRF-style JSON body.</summary>
    public void FailNext(string path, int count, int status, TimeSpan? retryAfter = null) =>
        _failures[path] = new FailRule(count, status, retryAfter);

    /// <summary>Requests to <paramref name="path"/> wait this long (or until the client goes away) before being handled.</summary>
    public void Delay(string path, TimeSpan delay) => _delays[path] = delay;

    /// <summary>Requests to <paramref name="path"/> get <paramref name="bytes"/> zero bytes, with or without a Content-Length header.</summary>
    public void ServeOversizedBody(string path, long bytes, bool declareLength = true) => _oversized[path] = (bytes, declareLength);

    public void Clear()
    {
        _failures.Clear();
        _delays.Clear();
        _oversized.Clear();
    }

    internal async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (_delays.TryGetValue(path, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (TakeFailure(path) is { } failure)
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
            }

            await DrfResults.Detail(failure.Status, $"Injected failure {failure.Status}.").ExecuteAsync(context);
            return true;
        }

        if (_oversized.TryGetValue(path, out var oversized))
        {
            await WriteZerosAsync(context, oversized.Bytes, oversized.DeclareLength);
            return true;
        }

        return false;
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
