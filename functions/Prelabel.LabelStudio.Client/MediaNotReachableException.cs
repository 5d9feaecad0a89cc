namespace Prelabel.LabelStudio.Client;

/// <summary>
/// A task's media could not be read. The message names the URI, what was tried and the likely fix;
/// it never contains a token or a presigned signature.
/// </summary>
public sealed class MediaNotReachableException : Exception
{
    public MediaNotReachableException(string message, string uri, int status = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Uri = uri;
        Status = status;
    }

    /// <summary>The URI as it appeared in the task data.</summary>
    public string Uri { get; }

    /// <summary>The HTTP status that caused the failure, or 0 when no HTTP status applies (blocked, too large, timeout, disk).</summary>
    public int Status { get; }
}
