using System.Text;

namespace Prelabel.Importer.Tests;

public sealed class BlobCreatedEventTests
{
    private const string Documented = """
        {
          "topic": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/prelabel",
          "subject": "/blobServices/default/containers/images/blobs/cam%201/0001.jpg",
          "eventType": "Microsoft.Storage.BlobCreated",
          "eventTime": "2026-11-22T10:00:00.0000000Z",
          "id": "831e1650-001e-001b-66ab-eeb76e069631",
          "data": {
            "api": "PutBlockList",
            "eTag": "0x8D4BCC2E4835CD0",
            "contentType": "image/jpeg",
            "contentLength": 524288,
            "blobType": "BlockBlob",
            "url": "https://prelabel.blob.core.windows.net/images/cam%201/0001.jpg"
          },
          "dataVersion": "",
          "metadataVersion": "1"
        }
        """;

    [Fact]
    public void A_documented_event_gives_container_blob_and_properties()
    {
        var created = BlobCreatedEvent.Parse(Documented, out var reason);

        Assert.Null(reason);
        Assert.NotNull(created);
        Assert.Equal(("images", "cam 1/0001.jpg", "image/jpeg", 524288L, "0x8D4BCC2E4835CD0"),
            (created.Container, created.BlobName, created.ContentType, created.ContentLength, created.ETag));
        Assert.Equal("831e1650-001e-001b-66ab-eeb76e069631", created.Id);
        Assert.Equal("images/cam 1/0001.jpg", created.Path);
    }

    [Fact]
    public void Base64_and_a_one_event_array_are_read_as_event_grid_writes_them()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Documented));

        Assert.Equal("cam 1/0001.jpg", BlobCreatedEvent.Parse(base64, out _)?.BlobName);
        Assert.Equal("cam 1/0001.jpg", BlobCreatedEvent.Parse($"[{Documented}]", out _)?.BlobName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/images/a/b.png", "images", "a/b.png")]
    [InlineData("http://azurite:10000/devstoreaccount1/images/b.png", "images", "b.png")]
    [InlineData("https://acct.blob.core.windows.net/images/a/b/c.png", "images", "a/b/c.png")]
    public void Path_style_and_host_style_urls_both_name_the_blob(string url, string container, string name)
    {
        Assert.True(BlobCreatedEvent.TrySplit(new Uri(url), out var c, out var n));
        Assert.Equal((container, name), (c, n));
    }

    [Theory]
    [InlineData("not json at all", "neither JSON nor base64")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobDeleted","data":{"url":"https://a.blob.core.windows.net/c/b"}}""", "BlobDeleted")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated","data":{"url":"https://a.blob.core.windows.net/c"}}""", "not a blob URL")]
    [InlineData("""[{"eventType":"Microsoft.Storage.BlobCreated"},{"eventType":"Microsoft.Storage.BlobCreated"}]""", "not one Event Grid event")]
    public void Anything_else_is_refused_with_a_reason(string message, string because)
    {
        Assert.Null(BlobCreatedEvent.Parse(message, out var reason));
        Assert.Contains(because, reason);
    }

    [Fact]
    public void An_event_made_here_parses_back()
    {
        var url = new Uri("http://127.0.0.1:10000/devstoreaccount1/images/x%2By.png");

        var parsed = BlobCreatedEvent.Parse(BlobCreatedEvent.Create(url, "image/png", 12, "0x1").ToJsonString(), out _);

        Assert.Equal(("images", "x+y.png", 12L), (parsed?.Container, parsed?.BlobName, parsed?.ContentLength));
        Assert.Equal("/blobServices/default/containers/images/blobs/x+y.png", (string?)System.Text.Json.Nodes.JsonNode.Parse(parsed!.Json)!["subject"]);
    }
}
