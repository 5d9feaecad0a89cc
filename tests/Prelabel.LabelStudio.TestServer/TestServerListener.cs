namespace Prelabel.LabelStudio.TestServer;

/// <summary>Which of the server's two origins received a request.</summary>
public enum TestServerListener
{
    /// <summary>The Label Studio REST API at <see cref="LabelStudioTestServer.BaseUrl"/>.</summary>
    LabelStudio,

    /// <summary>The blob store that presigned URLs point to, at <see cref="LabelStudioTestServer.BlobStoreUrl"/>.</summary>
    BlobStore,
}
