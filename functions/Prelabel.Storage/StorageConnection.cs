using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Prelabel.Storage;

/// <summary>
/// One storage account connection, read from settings as the Functions host's Blob and Queue bindings read the same
/// connection name: <c>AzureWebJobsNAME</c> or <c>NAME</c> (also under ConnectionStrings) holding a connection string;
/// else the identity-based <c>NAME__accountName</c>, <c>NAME__blobServiceUri</c> / <c>NAME__queueServiceUri</c> (or
/// their alias <c>NAME__serviceUri</c>) with the credential settings under <see cref="Settings"/> (<c>NAME__credential</c>,
/// <c>NAME__clientId</c>, …). <see cref="ToString"/> names endpoints, never a key or a SAS.
/// </summary>
public sealed class StorageConnection
{
    private readonly string? _connectionString;

    private StorageConnection(string name, IConfigurationSection settings, string? connectionString, Uri? blob, Uri? queue)
    {
        (Name, Settings, _connectionString, BlobServiceUri, QueueServiceUri) = (name, settings, connectionString, blob, queue);
    }

    /// <summary>The connection name, e.g. IMAGES.</summary>
    public string Name { get; }

    /// <summary>The settings under the name; for an identity-based connection, what AzureComponentFactory.CreateTokenCredential reads.</summary>
    public IConfigurationSection Settings { get; }

    /// <summary>True when a connection string (key, SAS or Azurite) authorizes; false for a Microsoft Entra identity.</summary>
    public bool HasConnectionString => _connectionString is not null;

    /// <summary>Without its query, which could hold a SAS.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>Without its query, which could hold a SAS.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The connection <paramref name="name"/>, or null when none of its settings is set.</summary>
    /// <exception cref="FormatException">A setting is set but unusable; the message names it, never its secret.</exception>
    public static StorageConnection? Find(IConfiguration configuration, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = Section(configuration, "AzureWebJobs" + name) ?? Section(configuration, name);
        if (section is null) return null;
        return section.Value is { } value && !string.IsNullOrWhiteSpace(value)
            ? FromConnectionString(name, section, value.Trim())
            : FromIdentitySettings(name, section);
    }

    /// <summary>The connection <paramref name="name"/>, which must be set.</summary>
    /// <exception cref="InvalidOperationException">None of its settings is set; the message names them.</exception>
    /// <exception cref="FormatException">A setting is set but unusable.</exception>
    public static StorageConnection From(IConfiguration configuration, string name) =>
        Find(configuration, name) ?? throw new InvalidOperationException(
            $"Storage connection {name} is not configured: set {name} to a connection string, or {name}__accountName "
            + $"(or {name}__blobServiceUri and {name}__queueServiceUri) for an identity-based connection.");

    /// <summary>This connection, once it is known to have the endpoints asked for.</summary>
    /// <exception cref="InvalidOperationException">It lacks one; the message says which setting gives it.</exception>
    public StorageConnection Require(bool blob, bool queue)
    {
        if (blob && BlobServiceUri is null) throw Missing("Blob", "BlobEndpoint", "blobServiceUri");
        if (queue && QueueServiceUri is null) throw Missing("Queue", "QueueEndpoint", "queueServiceUri");
        return this;
    }

    /// <param name="credential">Used only by an identity-based connection.</param>
    /// <exception cref="InvalidOperationException">The connection has no Blob endpoint.</exception>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options, TokenCredential credential) =>
        BlobServiceUri is null ? throw Missing("Blob", "BlobEndpoint", "blobServiceUri")
        : _connectionString is not null ? new BlobServiceClient(_connectionString, options)
        : new BlobServiceClient(BlobServiceUri, credential, options);

    /// <param name="credential">Used only by an identity-based connection.</param>
    /// <exception cref="InvalidOperationException">The connection has no Queue endpoint.</exception>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options, TokenCredential credential) =>
        QueueServiceUri is null ? throw Missing("Queue", "QueueEndpoint", "queueServiceUri")
        : _connectionString is not null ? new QueueServiceClient(_connectionString, options)
        : new QueueServiceClient(QueueServiceUri, credential, options);

    public override string ToString() =>
        $"{Name}: blob {BlobServiceUri?.ToString() ?? "(none)"}, queue {QueueServiceUri?.ToString() ?? "(none)"}, "
        + (HasConnectionString ? "connection string" : $"Microsoft Entra identity ({Settings["credential"] ?? "DefaultAzureCredential"}{(Settings["clientId"] is { } id ? $", client id {id}" : "")})");

    // As the host: ConnectionStrings:NAME before the setting NAME; a section exists with a value or settings under it.
    private static IConfigurationSection? Section(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetSection("ConnectionStrings").GetSection(name);
        if (connectionString.Exists()) return connectionString;
        var setting = configuration.GetSection(name);
        return setting.Exists() && (setting.Value is null || !string.IsNullOrWhiteSpace(setting.Value)) ? setting : null;
    }

    private static StorageConnection FromConnectionString(string name, IConfigurationSection section, string connectionString)
    {
        try
        {
            // The SDK's own parser (UseDevelopmentStorage, AccountName/AccountKey/EndpointSuffix, endpoints, SAS); offline.
            var blob = Endpoint(new BlobServiceClient(connectionString).Uri);
            var queue = Endpoint(new QueueServiceClient(connectionString).Uri);
            return new StorageConnection(name, section, connectionString, blob, queue);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            // The SDK's messages name no part of the string; never quote it.
            throw new FormatException($"The connection string in {name} is not a storage connection string: {e.Message}");
        }
    }

    private static StorageConnection? FromIdentitySettings(string name, IConfigurationSection section)
    {
        string? Setting(string key) => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var account = Setting("accountName");
        if (account is not null && (account.Length is < 3 or > 24 || !account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
            throw new FormatException($"{name}__accountName is not a storage account name (3 to 24 lowercase letters and digits).");

        // The host's order: accountName, then NAME__{service}ServiceUri, then the alias serviceUri (not where its host names the other service).
        Uri? Service(string service, string other)
        {
            if (account is not null) return new Uri($"https://{account}.{service}.core.windows.net");
            if (Setting($"{service}ServiceUri") is { } own) return Absolute($"{name}__{service}ServiceUri", own);
            return Setting("serviceUri") is { } alias && !alias.Contains($".{other}.", StringComparison.OrdinalIgnoreCase)
                ? Absolute($"{name}__serviceUri", alias) : null;
        }

        var blob = Service("blob", "queue");
        var queue = Service("queue", "blob");
        return blob is null && queue is null ? null : new StorageConnection(name, section, null, blob, queue);
    }

    private static Uri Absolute(string setting, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? new Uri(uri.GetLeftPart(UriPartial.Path))
            : throw new FormatException($"{setting} is not an absolute http(s) URI.");

    private static Uri? Endpoint(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? new Uri(uri.GetLeftPart(UriPartial.Path)) : null;

    private InvalidOperationException Missing(string service, string endpointKey, string identitySetting) => new(
        $"Storage connection {Name} has no {service} service endpoint: give the connection string {endpointKey} or AccountName, "
        + $"or set {Name}__{identitySetting} or {Name}__accountName.");
}
