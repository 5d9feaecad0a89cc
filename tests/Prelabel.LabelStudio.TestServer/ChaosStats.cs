namespace Prelabel.LabelStudio.TestServer;

/// <summary>What a <see cref="FaultInjector.Chaos"/> rule did so far; updated as requests arrive, safe to read at any time.</summary>
public sealed class ChaosStats
{
    private long _requests;
    private long _serverErrors;
    private long _rateLimits;
    private long _delays;
    private long _droppedAfterCommit;

    /// <summary>Every request the rule saw, faulted or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long RateLimits => Interlocked.Read(ref _rateLimits);

    public long Delays => Interlocked.Read(ref _delays);

    public long DroppedAfterCommit => Interlocked.Read(ref _droppedAfterCommit);

    public long Faults => ServerErrors + RateLimits + Delays + DroppedAfterCommit;

    public override string ToString() =>
        $"{Requests} requests: {ServerErrors} × 500, {RateLimits} × 429, {Delays} delayed, {DroppedAfterCommit} dropped after commit";

    internal void Count(ChaosFault fault)
    {
        Interlocked.Increment(ref _requests);
        _ = fault switch
        {
            ChaosFault.ServerError => Interlocked.Increment(ref _serverErrors),
            ChaosFault.RateLimit => Interlocked.Increment(ref _rateLimits),
            ChaosFault.Delay => Interlocked.Increment(ref _delays),
            ChaosFault.DropAfterCommit => Interlocked.Increment(ref _droppedAfterCommit),
            _ => 0,
        };
    }
}
