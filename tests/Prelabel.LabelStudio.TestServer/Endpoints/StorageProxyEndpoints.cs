using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>
/// <c>/tasks/{id}/resolve/</c> and its older alias <c>/tasks/{id}/presign/</c>: decode <c>fileuri</c>
/// (base64url, else URL-unquoted), find the project's storage by scheme and bucket, then 303 to a presigned URL
/// on the blob store origin, or stream the bytes when the storage does not presign.
/// </summary>
internal static class StorageProxyEndpoints
{
    public static readonly TimeSpan PresignTtl = TimeSpan.FromMinutes(1);

    public static void MapStorageProxyEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapGet("/tasks/{taskId:long}/resolve/", (HttpContext context, long taskId, string? fileuri) => Resolve(context, state, taskId, fileuri));
        app.MapGet("/tasks/{taskId:long}/presign/", (HttpContext context, long taskId, string? fileuri) => Resolve(context, state, taskId, fileuri));
    }

    private static IResult Resolve(HttpContext context, TestServerState state, long taskId, string? fileuri)
    {
        if (LabelStudioAuthenticator.Authorize(context, state) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(fileuri))
        {
            return DrfResults.Detail(400, "Missing fileuri parameter");
        }

        if (!state.TaskProjects.TryGetValue(taskId, out var project))
        {
            return DrfResults.NotFound();
        }

        var uri = Decode(fileuri);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var bucketEnd = schemeEnd < 0 ? -1 : uri.IndexOf('/', schemeEnd + 3);
        if (bucketEnd < 0 || !state.Storages.TryGetValue((project, uri[..schemeEnd], uri[(schemeEnd + 3)..bucketEnd]), out var presign))
        {
            return DrfResults.NotFound();
        }

        if (!presign)
        {
            return state.Blobs.TryGetValue(uri, out var bytes) ? MediaEndpoints.File(bytes, uri) : Results.StatusCode(424);
        }

        context.Response.Headers.CacheControl = $"max-age={(int)PresignTtl.TotalSeconds}";
        return new SeeOther(Presign(state, uri));
    }

    // Label Studio tries urlsafe base64 first and falls back to unquoting the raw value.
    private static string Decode(string fileuri)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(fileuri.TrimEnd('=')));
            if (text.Contains("://", StringComparison.Ordinal))
            {
                return text;
            }
        }
        catch (FormatException)
        {
        }

        return Uri.UnescapeDataString(fileuri);
    }

    public static string Presign(TestServerState state, string cloudUri)
    {
        var expiry = (state.Time.GetUtcNow() + PresignTtl).ToUnixTimeSeconds();
        var path = BlobStoreEndpoints.PathFor(cloudUri);
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return $"{state.BlobStoreUrl}{escaped}?se={expiry}&sig={Signature(state, path, expiry)}";
    }

    public static string Signature(TestServerState state, string path, long expiry) =>
        Convert.ToHexString(HMACSHA256.HashData(state.SigningKey, Encoding.UTF8.GetBytes($"{path}\n{expiry}")));

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
