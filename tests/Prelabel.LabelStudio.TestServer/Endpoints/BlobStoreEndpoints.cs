namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// The second origin: a blob store that serves presigned URLs (<c>/blobs/{scheme}/{bucket}/{key}?se=&amp;sig=</c>)
/// and unsigned public files (<c>/public/{path}</c>). Like S3, it refuses a request that carries both a
/// signature and an Authorization header, so leaked credentials fail loudly.
/// </summary>
internal static class BlobStoreEndpoints
{
    public static void MapBlobStoreEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapGet("/blobs/{**rest}", (HttpContext context, long? se, string? sig) =>
        {
            if (context.Request.Headers.Authorization.Count > 0)
            {
                return Results.Text("<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>", "application/xml", statusCode: 400);
            }

            var path = context.Request.Path.Value!;
            if (se is null || sig is null || se <= state.Time.GetUtcNow().ToUnixTimeSeconds()
                || !string.Equals(sig, StorageProxyEndpoints.Signature(state, path, se.Value), StringComparison.Ordinal))
            {
                return Results.Text("<Error><Code>AuthenticationFailed</Code></Error>", "application/xml", statusCode: 403);
            }

            var blob = state.Blobs.FirstOrDefault(b => PathFor(b.Key) == path);
            return blob.Value is null
                ? Results.Text("<Error><Code>BlobNotFound</Code></Error>", "application/xml", statusCode: 404)
                : MediaEndpoints.File(blob.Value, path);
        });

        app.MapGet("/public/{**path}", (string path) =>
            state.PublicFiles.TryGetValue(path, out var bytes) ? MediaEndpoints.File(bytes, path) : Results.NotFound());
    }

    /// <summary><c>s3://bucket/a b.jpg</c> → <c>/blobs/s3/bucket/a b.jpg</c>, unescaped, as the request path arrives decoded.</summary>
    public static string PathFor(string cloudUri)
    {
        var schemeEnd = cloudUri.IndexOf("://", StringComparison.Ordinal);
        return $"/blobs/{cloudUri[..schemeEnd]}/{cloudUri[(schemeEnd + 3)..]}";
    }
}
