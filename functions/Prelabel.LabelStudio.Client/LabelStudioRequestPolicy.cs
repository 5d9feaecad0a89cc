namespace Prelabel.LabelStudio.Client;

/// <summary>
/// What the pipeline needs to know about one request, carried in its options: whether repeating it is safe, whether it
/// goes to Label Studio with credentials, its time limits, and how many attempts it took.
/// </summary>
internal sealed class LabelStudioRequestPolicy
{
    private static readonly HttpRequestOptionsKey<LabelStudioRequestPolicy> Key = new("Prelabel.LabelStudio.RequestPolicy");

    private int _attempts;

    /// <summary>
    /// False for calls that create something. They are repeated only where the server certainly did nothing (429, a
    /// connection that was never made, and once after a 401 with a refreshed token), never after a 5xx, a timeout or a
    /// dropped connection.
    /// </summary>
    public required bool Idempotent { get; init; }

    /// <summary>Send Label Studio's Authorization header (only to its own origin, so a redirect elsewhere never sees it).</summary>
    public bool Authorize { get; init; }

    /// <summary>Read the whole answer inside the attempt, so the attempt's time limit covers it.</summary>
    public bool BufferContent { get; init; }

    /// <summary>Time allowed for one attempt; infinite when only the deadline applies.</summary>
    public TimeSpan AttemptTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>When the whole call must be over: a retry whose wait would pass it is not made.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Attempts that reached the transport so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public static LabelStudioRequestPolicy? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var policy) ? policy : null;
}
