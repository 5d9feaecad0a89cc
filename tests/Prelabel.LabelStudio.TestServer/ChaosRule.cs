namespace Prelabel.LabelStudio.TestServer;

/// <summary>
/// Draws one fault (or none) per request from a seeded Random: the same seed gives the same sequence of draws, handed
/// to requests in the order they arrive. Thread-safe.
/// </summary>
internal sealed class ChaosRule(int seed, double failureRate, TimeSpan delay, ChaosFault faults)
{
    private readonly Random _random = new(seed);
    private readonly ChaosFault[] _kinds =
        [.. new[] { ChaosFault.ServerError, ChaosFault.RateLimit, ChaosFault.Delay, ChaosFault.DropAfterCommit }.Where(k => faults.HasFlag(k))];

    public ChaosStats Stats { get; } = new();

    /// <summary>How long a <see cref="ChaosFault.Delay"/> holds the request.</summary>
    public TimeSpan Delay => delay;

    public ChaosFault Draw()
    {
        double roll;
        int pick;
        lock (_random)
        {
            // Both numbers are drawn every time, so the sequence does not depend on which draws fault.
            roll = _random.NextDouble();
            pick = _random.Next(Math.Max(1, _kinds.Length));
        }

        var fault = roll < failureRate && _kinds.Length > 0 ? _kinds[pick] : ChaosFault.None;
        Stats.Count(fault);
        return fault;
    }
}
