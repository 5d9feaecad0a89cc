using Microsoft.AspNetCore.StaticFiles;

namespace Prelabel.LabelStudio.TestServer.Endpoints;

/// <summary>Files Label Studio serves itself: <c>/data/upload/{project}/{file}</c> and <c>/data/local-files/?d=</c>.</summary>
internal static class MediaEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapMediaEndpoints(this IEndpointRouteBuilder app, TestServerState state)
    {
        app.MapGet("/data/upload/{project:int}/{**file}", (HttpContext context, int project, string file) =>
            LabelStudioAuthenticator.Authorize(context, state)
            ?? (state.Uploads.TryGetValue($"{project}/{file}", out var bytes) ? File(bytes, file) : DrfResults.NotFound()));

        app.MapGet("/data/local-files/", (HttpContext context, string? d) =>
            LabelStudioAuthenticator.Authorize(context, state)
            ?? (d is not null && state.LocalFiles.TryGetValue(d.TrimStart('/'), out var bytes) ? File(bytes, d) : DrfResults.NotFound()));
    }

    public static IResult File(byte[] bytes, string name) =>
        Results.Bytes(bytes, ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream");
}
