using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Prelabel.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="BlobServiceClient"/> and one <see cref="QueueServiceClient"/> for
    /// <paramref name="connection"/> through Microsoft.Extensions.Azure, each made once on first use. An identity-based
    /// connection's credential comes from its settings as the Functions host makes it (AzureComponentFactory). Retries
    /// are the SDK's: exponential from 0.8 s, 3 retries of 408, 429, 5xx and network errors, 100 s of silence per try.
    /// </summary>
    /// <param name="logRequests">
    /// Whether the SDK logs each request and response. Its events are made whenever it logs, shown or not, and cost each
    /// storage call some CPU, so only when someone reads them (LOG_LEVEL=DEBUG).
    /// </param>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, StorageConnection connection, bool logRequests = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        TokenCredential Credential(IServiceProvider provider)
        {
            try
            {
                return provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(connection.Settings);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"The credential settings of storage connection {connection.Name} are incomplete: {e.Message}", e);
            }
        }

        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>(connection.CreateBlobServiceClient).WithCredential(Credential);
            clients.AddClient<QueueServiceClient, QueueClientOptions>(connection.CreateQueueServiceClient).WithCredential(Credential);
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromSeconds(0.8);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
                options.Diagnostics.ApplicationId = "Prelabel";
                options.Diagnostics.IsLoggingEnabled = logRequests;
            });
        });
        return services;
    }
}
