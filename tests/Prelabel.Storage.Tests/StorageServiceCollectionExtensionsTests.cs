using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Prelabel.Testing;

namespace Prelabel.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task The_clients_are_made_once_from_the_connection_and_reach_azurite()
    {
        await using var services = Services(StorageConnectionTests.Settings(("IMAGES", azurite.ConnectionString)));

        var blobs = services.GetRequiredService<BlobServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        var container = blobs.GetBlobContainerClient($"di-{Guid.NewGuid():N}");
        await container.CreateAsync();
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("through DI"));
        var queue = queues.GetQueueClient($"di-{Guid.NewGuid():N}");
        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");

        Assert.Same(blobs, services.GetRequiredService<BlobServiceClient>());
        Assert.Equal(azurite.BlobEndpoint, blobs.Uri);
        Assert.Equal("through DI", (await container.GetBlobClient("a.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.Body.ToString());
    }

    [Fact]
    public async Task An_identity_based_connection_gets_the_credential_its_settings_name_as_the_host_makes_it()
    {
        var settings = StorageConnectionTests.Settings(
            ("IMAGES__accountName", "prelabelstore"),
            ("IMAGES__credential", "managedidentity"),
            ("IMAGES__clientId", "11111111-2222-3333-4444-555555555555"));
        await using var services = Services(settings);
        var connection = StorageConnection.From(settings, "IMAGES");

        var credential = services.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(connection.Settings);
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.IsType<ManagedIdentityCredential>(credential);
        Assert.Equal(new Uri("https://prelabelstore.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("prelabelstore", blobs.AccountName);
        Assert.False(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public async Task Incomplete_credential_settings_fail_naming_the_connection()
    {
        await using var services = Services(StorageConnectionTests.Settings(("IMAGES__accountName", "prelabelstore"), ("IMAGES__credential", "workloadidentity")));

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<BlobServiceClient>());

        Assert.Contains("storage connection IMAGES", failure.Message);
        Assert.Contains("tenantId", failure.Message);
    }

    [Fact]
    public async Task A_throttling_service_is_retried_three_times_by_the_sdk_then_fails_with_its_error_code()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers["x-ms-error-code"] = "ServerBusy";
            return Task.CompletedTask;
        });
        var endpoint = new Uri(server.Uri, Azurite.AccountName);
        await using var services = Services(StorageConnectionTests.Settings(("IMAGES",
            $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};BlobEndpoint={endpoint};QueueEndpoint={endpoint}")));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("images").CreateIfNotExistsAsync());

        Assert.Equal(503, failure.Status);
        Assert.Equal("ServerBusy", failure.ErrorCode);
        Assert.Equal(4, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.StartsWith("Prelabel ", r.Headers["User-Agent"]));
        Assert.All(server.Requests, r => Assert.StartsWith($"SharedKey {Azurite.AccountName}:", r.Headers["Authorization"]));
    }

    private static ServiceProvider Services(Microsoft.Extensions.Configuration.IConfiguration settings) =>
        new ServiceCollection().AddLogging().AddStorageClients(StorageConnection.From(settings, "IMAGES")).BuildServiceProvider();
}
