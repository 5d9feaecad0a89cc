namespace Prelabel.Backend;

/// <summary>A request that cannot be served, with the HTTP status to answer and a reason the user can act on.</summary>
public sealed class BackendException(int status, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public int Status { get; } = status;

    /// <summary>When the caller may try again (the Retry-After of a 503), when known.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The instance has no room for the work now; it may have later.</summary>
    public static BackendException Busy(string detail, TimeSpan retryAfter) => new(503, detail) { RetryAfter = retryAfter };

    public static BackendException BadRequest(string detail) => new(400, detail);

    /// <summary>The labeling config asks for something the model cannot give.</summary>
    public static BackendException ConfigMismatch(string detail) => new(422, detail);
}
