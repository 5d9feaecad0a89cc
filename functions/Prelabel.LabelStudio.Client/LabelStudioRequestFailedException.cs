namespace Prelabel.LabelStudio.Client;

/// <summary>
/// A call to Label Studio, or a download of a task's media, failed. The message names the request, the status and the
/// likely fix; it never contains a token or a presigned signature. Callers decide on <see cref="Status"/> and
/// <see cref="IsTransient"/>, never on the message.
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
        IsTransient = isTransient ?? status is 0 || IsTransientStatus(status);
    }

    /// <summary>The HTTP status of the last answer, or 0 when there was none (timeout, connection failure, refused before sending).</summary>
    public int Status { get; }

    /// <summary>Label Studio's own explanation (the DRF <c>detail</c>, or its validation errors), when it sent one.</summary>
    public string? Detail { get; }

    /// <summary>How long the server asked to wait (Retry-After of the last answer, or the open circuit's remaining time).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True when the same call may succeed later (5xx, 408, 429, timeout, dropped or refused connection, an open circuit);
    /// false when it cannot succeed until something is fixed (other 4xx, configuration, a blocked address, an answer that
    /// is not Label Studio's, a file too large).
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>The media URI as it appeared in the task data, for a failed download; null for REST calls.</summary>
    public string? MediaUri { get; private init; }

    /// <summary>A task's media could not be read. Without <paramref name="isTransient"/>, only 408, 429 and 5xx are.</summary>
    internal static LabelStudioRequestFailedException Media(string message, string uri, int status = 0, Exception? innerException = null, bool? isTransient = null) =>
        new(message, status, null, innerException, null, isTransient ?? IsTransientStatus(status)) { MediaUri = uri };

    internal static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;
}
