namespace Prelabel.LabelStudio.Client;

/// <summary>
/// LABEL_STUDIO_API_KEY could not be turned into an Authorization header (expired or rejected Personal Access Token,
/// no LABEL_STUDIO_URL to exchange it at). The message comes from the token provider: it names the fix, never the token.
/// </summary>
internal sealed class LabelStudioCredentialException(string message, int status, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The status of the refresh answer, or 0 when the key could not be used at all.</summary>
    public int Status { get; } = status;
}
