using System.Diagnostics;

namespace Prelabel.Inference;

/// <summary>Stage timings: each stage reads the clock and starts it again for the next.</summary>
public static class StopwatchLaps
{
    /// <summary>Milliseconds since the last lap (or start), restarting the clock.</summary>
    public static double Lap(this Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }
}
