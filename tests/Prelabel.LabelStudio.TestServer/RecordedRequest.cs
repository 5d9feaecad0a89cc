namespace Prelabel.LabelStudio.TestServer;

/// <summary>One request as it arrived. <see cref="AuthorizationScheme"/> is "Token", "Bearer", another scheme, or null; the credential itself is not kept.</summary>
public sealed record RecordedRequest(TestServerListener Listener, string Method, string Path, string QueryString, string? AuthorizationScheme)
{
    /// <summary>The body of a JSON request (Content-Type <c>…json</c>), as sent; null for other requests.</summary>
    public string? Body { get; init; }
}
