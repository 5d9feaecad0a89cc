using Azure;
using Microsoft.AspNetCore.Http;

namespace Prelabel.Storage.Tests;

public sealed class LengthLimitedStreamTests
{
    [Fact]
    public async Task Reading_up_to_the_limit_succeeds_and_one_byte_more_throws()
    {
        var bytes = new byte[100];
        using var atLimit = new LengthLimitedStream(new MemoryStream(bytes), 100, "exact.bin");
        using var overLimit = new LengthLimitedStream(new MemoryStream(bytes), 99, "long.bin");

        await atLimit.CopyToAsync(Stream.Null);
        var failure = await Assert.ThrowsAsync<BlobTooLargeException>(() => overLimit.CopyToAsync(Stream.Null));
        var syncFailure = Assert.Throws<BlobTooLargeException>(() => new LengthLimitedStream(new MemoryStream(bytes), 99, "long.bin").CopyTo(Stream.Null));

        Assert.Equal(100, atLimit.Position);
        Assert.Equal("long.bin", failure.BlobName);
        Assert.Equal(99, failure.MaxLength);
        Assert.Null(failure.Length);
        Assert.Null(syncFailure.Length);
    }

    [Fact]
    public async Task A_download_without_Content_Length_stops_at_the_cap_while_streaming()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            // Chunked: no Content-Length for the client to check first.
            context.Response.Headers.ETag = "\"0x1\"";
            context.Response.Headers.LastModified = "Fri, 09 Oct 2009 21:04:30 GMT";
            for (var chunk = 0; chunk < 64; chunk++)
            {
                await context.Response.Body.WriteAsync(new byte[1024], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        var blob = new BlobServiceClient(server.Uri, new AzureSasCredential("sig=x")).GetBlobContainerClient("c").GetBlobClient("endless.bin");

        using var download = await blob.DownloadStreamingAsync(maxLength: 10_000);
        var failure = await Assert.ThrowsAsync<BlobTooLargeException>(() => download.Content.CopyToAsync(Stream.Null));

        Assert.Equal(10_000, failure.MaxLength);
        Assert.InRange(download.Content.Position, 10_001, 64 * 1024);
    }
}
