using Azure;
using Azure.Core;

namespace Prelabel.Storage;

/// <summary>
/// Where a storage account's Blob and Queue services are and how to authorize to them, read the way Azure Functions
/// reads a connection: a connection string, or identity-based <c>NAME__…</c> settings. Makes the service clients.
/// <see cref="ToString"/> names endpoints and the kind of credential, never a key or a SAS.
/// </summary>
public sealed class StorageConnection
{
    private readonly object _credential;
    private readonly string _authentication;

    internal StorageConnection(string name, Uri? blobServiceUri, Uri? queueServiceUri, object credential, string authentication)
    {
        (Name, BlobServiceUri, QueueServiceUri) = (name, blobServiceUri, queueServiceUri);
        (_credential, _authentication) = (credential, authentication);
    }

    /// <summary>The setting it was read from, e.g. AzureWebJobsStorage.</summary>
    public string Name { get; }

    public Uri? BlobServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    /// <summary>The Microsoft Entra credential of an identity-based connection; null for a key or a SAS.</summary>
    internal TokenCredential? TokenCredential => _credential as TokenCredential;

    /// <summary>Reads a connection string: UseDevelopmentStorage=true, AccountName/AccountKey/EndpointSuffix, BlobEndpoint/QueueEndpoint, SharedAccessSignature.</summary>
    /// <exception cref="FormatException">It lacks a credential or an endpoint, or has an unreadable part (named, never quoted).</exception>
    public static StorageConnection Parse(string connectionString) => StorageConnectionString.Parse(null, connectionString);

    /// <summary>
    /// Reads connection <paramref name="name"/> from settings: <c>NAME</c> holding a connection string, else
    /// <c>NAME__blobServiceUri</c>, <c>NAME__queueServiceUri</c> or <c>NAME__accountName</c> with <c>NAME__credential</c>
    /// (managedidentity) and <c>NAME__clientId</c> (a user-assigned identity).
    /// </summary>
    /// <param name="settings">The value of a setting, or null when it is not set (e.g. Environment.GetEnvironmentVariable).</param>
    /// <exception cref="InvalidOperationException">None of those settings is set; the message names them.</exception>
    /// <exception cref="FormatException">A setting is set but unusable; the message names it.</exception>
    public static StorageConnection FromSettings(string name, Func<string, string?> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings(name) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnectionString.Parse(name, connectionString);
        }

        return StorageIdentitySettings.Read(name, settings) ?? throw new InvalidOperationException(
            $"Storage connection {name} is not configured: set {name} to a connection string, or {name}__accountName "
            + $"(or {name}__blobServiceUri and {name}__queueServiceUri) for an identity-based connection.");
    }

    /// <exception cref="InvalidOperationException">The connection has no Blob endpoint.</exception>
    public BlobServiceClient CreateBlobServiceClient(StorageClientOptions? options = null) =>
        new(BlobServiceUri ?? throw Missing("Blob", "BlobEndpoint", "blobServiceUri"), Pipeline(options));

    /// <exception cref="InvalidOperationException">The connection has no Queue endpoint.</exception>
    public QueueServiceClient CreateQueueServiceClient(StorageClientOptions? options = null) =>
        new(QueueServiceUri ?? throw Missing("Queue", "QueueEndpoint", "queueServiceUri"), Pipeline(options));

    public override string ToString() =>
        $"{Name}: blob {Describe(BlobServiceUri)}, queue {Describe(QueueServiceUri)}, {_authentication}";

    // Without the query: an endpoint could carry a SAS.
    private static string Describe(Uri? uri) => uri?.GetLeftPart(UriPartial.Path) ?? "(none)";

    private StoragePipeline Pipeline(StorageClientOptions? options) => _credential switch
    {
        StorageSharedKeyCredential key => StoragePipeline.For(key, options),
        AzureSasCredential sas => StoragePipeline.For(sas, options),
        TokenCredential token => StoragePipeline.For(token, options),
        _ => throw new InvalidOperationException($"Unknown credential type {_credential.GetType().Name}."),
    };

    private InvalidOperationException Missing(string service, string endpointKey, string identitySetting) => new(
        $"Storage connection {Name} has no {service} service endpoint: give the connection string {endpointKey} or AccountName, "
        + $"or set {Name}__{identitySetting} or {Name}__accountName.");
}
