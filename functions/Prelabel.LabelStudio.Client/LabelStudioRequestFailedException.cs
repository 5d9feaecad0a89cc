namespace Prelabel.LabelStudio.Client;

/// <summary>
/// A Label Studio REST call failed. The message names the request, the status and the likely fix;
/// it never contains a token.
/// </summary>
public sealed class LabelStudioRequestFailedException : Exception
{
    /// <param name="isTransient">Null derives it from <paramref name="status"/>: no answer (0), 408, 429 and 5xx are transient.</param>
    public LabelStudioRequestFailedException(
        string message, int status = 0, string? detail = null, Exception? innerException = null, TimeSpan? retryAfter = null, bool? isTransient = null)
        : base(message, innerException)
    {
        Status = status;
        Detail = detail;
        RetryAfter = retryAfter;
        IsTransient = isTransient ?? status is 0 or 408 or 429 or >= 500;
    }

    /// <summary>The HTTP status of the last answer, or 0 when there was none (timeout, connection failure).</summary>
    public int Status { get; }

    /// <summary>Label Studio's own explanation (the DRF <c>detail</c>, or its validation errors), when it sent one.</summary>
    public string? Detail { get; }

    /// <summary>How long Label Studio asked to wait (Retry-After of the last answer), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True when the same call may succeed later (5xx, 408, 429, timeout, dropped or refused connection); false when
    /// it cannot succeed until something is fixed (other 4xx, configuration, an answer that is not Label Studio's).
    /// </summary>
    public bool IsTransient { get; }
}
