namespace Prelabel.LabelStudio.Client;

/// <summary>
/// A Label Studio REST call failed. The message names the request, the status and the likely fix;
/// it never contains a token.
/// </summary>
public sealed class LabelStudioRequestFailedException : Exception
{
    public LabelStudioRequestFailedException(string message, int status = 0, string? detail = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Detail = detail;
    }

    /// <summary>The HTTP status of the last answer, or 0 when there was none (timeout, connection failure).</summary>
    public int Status { get; }

    /// <summary>Label Studio's own explanation (the DRF <c>detail</c> field), when it sent one.</summary>
    public string? Detail { get; }
}
