using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class AccountSasBuilderTests(Azurite azurite) : IClassFixture<Azurite>
{
    private static readonly StorageSharedKeyCredential Key = new(Azurite.AccountName, Azurite.AccountKey);

    [Fact]
    public async Task A_sas_from_the_account_key_reads_and_writes_blobs_and_queues()
    {
        var sas = Sas("rwdlacup").ToSasQuery(Key);
        var connection = StorageConnection.Parse($"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint};SharedAccessSignature={sas}");
        var container = connection.CreateBlobServiceClient().GetBlobContainerClient($"sas-{Guid.NewGuid():N}");
        var queue = connection.CreateQueueServiceClient().GetQueueClient($"sas-{Guid.NewGuid():N}");

        Assert.True(await container.CreateIfNotExistsAsync());
        await container.GetBlobClient("a/b.txt").UploadAsync(BinaryData.FromString("through a SAS"));
        using var download = await container.GetBlobClient("a/b.txt").DownloadStreamingAsync(100);
        var listed = await container.GetBlobsAsync("a/").Select(b => b.Name).ToListAsync();
        Assert.True(await queue.CreateIfNotExistsAsync());
        await queue.SendMessageAsync("sas message");
        var received = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal("through a SAS", download.Content.ReadAllText());
        Assert.Equal(["a/b.txt"], listed);
        Assert.Equal("sas message", received.MessageText);
        Assert.DoesNotContain("sig=", connection.ToString());
    }

    [Fact]
    public async Task A_read_only_sas_cannot_write()
    {
        var container = await ContainerWithBlobAsync();
        var readOnly = ClientWith(Sas("rl").ToSasQuery(Key)).GetBlobContainerClient(container.Name);

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => readOnly.GetBlobClient("new.txt").UploadAsync(BinaryData.FromString("x")));
        using var download = await readOnly.GetBlobClient("existing.txt").DownloadStreamingAsync(100);

        Assert.Equal(403, failure.Status);
        Assert.Equal("existing", download.Content.ReadAllText());
    }

    [Fact]
    public async Task A_tampered_or_expired_sas_is_refused_with_403()
    {
        var container = await ContainerWithBlobAsync();
        var tampered = Sas("rl").ToSasQuery(Key).Replace("sp=rl", "sp=rwl");
        var expired = new AccountSasBuilder { Permissions = "r", ExpiresOn = DateTimeOffset.UtcNow.AddMinutes(-5), Protocol = "https,http" }.ToSasQuery(Key);

        foreach (var sas in new[] { tampered, expired })
        {
            var blob = ClientWith(sas).GetBlobContainerClient(container.Name).GetBlobClient("existing.txt");
            var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync());
            Assert.Equal(403, failure.Status);
            // Azure says AuthenticationFailed for a bad signature; Azurite says AuthorizationFailure.
            Assert.Contains(failure.ErrorCode, new[] { StorageErrorCode.AuthenticationFailed, StorageErrorCode.AuthorizationFailure });
            Assert.DoesNotContain("sig=", failure.Message);
        }
    }

    [Fact]
    public void The_query_carries_canonical_permissions_and_the_protocol_and_a_start_only_when_given()
    {
        var query = new AccountSasBuilder
        {
            Permissions = "lwr",
            ExpiresOn = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
            StartsOn = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
        }.ToSasQuery(Key);

        Assert.StartsWith("sv=2024-11-04&ss=bq&srt=sco&sp=rwl&se=2030-01-02T03%3A04%3A05Z&st=2029-12-31T23%3A00%3A00Z&spr=https&sig=", query);
        Assert.Throws<ArgumentException>(() => Sas("rz").ToSasQuery(Key));
    }

    private static AccountSasBuilder Sas(string permissions) =>
        new() { Permissions = permissions, ExpiresOn = DateTimeOffset.UtcNow.AddHours(1), Protocol = "https,http" };

    private BlobServiceClient ClientWith(string sas) => new(azurite.BlobEndpoint, new Azure.AzureSasCredential(sas));

    private async Task<BlobContainerClient> ContainerWithBlobAsync()
    {
        var container = new BlobServiceClient(azurite.BlobEndpoint, Key).GetBlobContainerClient($"sas-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("existing.txt").UploadAsync(BinaryData.FromString("existing"));
        return container;
    }
}
