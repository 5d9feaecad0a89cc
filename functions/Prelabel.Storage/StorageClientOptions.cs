using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// Options for the Blob and Queue clients: Azure.Core's retry, transport and diagnostics settings plus the service
/// version. Retries cover 408, 429, 500, 502, 503, 504 and network errors (Azure.Core's classifier).
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The x-ms-version sent on every request unless <see cref="ServiceVersion"/> is changed.</summary>
    public const string DefaultServiceVersion = "2024-11-04";

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);

        // Per try, and per read of a streamed download: how long the service may stay silent.
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>The REST API version (x-ms-version), e.g. 2024-11-04.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
