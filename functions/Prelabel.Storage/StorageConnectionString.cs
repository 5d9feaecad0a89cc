using Azure;

namespace Prelabel.Storage;

/// <summary>
/// Storage connection strings as the portal and Azurite write them
/// (learn.microsoft.com/azure/storage/common/storage-configure-connection-string). Errors name keys, never values.
/// </summary>
internal static class StorageConnectionString
{
    /// <summary>Azurite's well-known account; its key is published, not a secret.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <param name="settingName">The setting that held it, for the connection's name and error messages.</param>
    public static StorageConnection Parse(string? settingName, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var name = settingName ?? "connection string";
        var source = settingName is null ? "The connection string" : $"The connection string in {settingName}";
        var parts = Split(source, connectionString);
        string? Part(string key) => parts.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        if (string.Equals(Part("UseDevelopmentStorage"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageConnection(
                name,
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
                $"shared key of account {DevelopmentAccountName} (Azurite)");
        }

        var account = Part("AccountName");
        var protocol = Part("DefaultEndpointsProtocol") ?? "https";
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"{source} has DefaultEndpointsProtocol {protocol}; expected http or https.");
        }

        var suffix = Part("EndpointSuffix") ?? "core.windows.net";
        Uri? Endpoint(string key, string service) => Part(key) is { } explicitUri
            ? StorageUris.Service(explicitUri) ?? throw new FormatException($"{source} has a {key} that is not an absolute http(s) URI.")
            : account is null ? null : new Uri($"{protocol}://{account}.{service}.{suffix}");

        var blob = Endpoint("BlobEndpoint", "blob");
        var queue = Endpoint("QueueEndpoint", "queue");
        if (blob is null && queue is null)
        {
            throw new FormatException($"{source} has neither AccountName nor BlobEndpoint nor QueueEndpoint.");
        }

        if (Part("AccountKey") is { } key)
        {
            var keyAccount = account ?? throw new FormatException($"{source} has an AccountKey but no AccountName.");
            return new StorageConnection(name, blob, queue, new StorageSharedKeyCredential(keyAccount, key), $"shared key of account {keyAccount}");
        }

        if (Part("SharedAccessSignature") is { } sas)
        {
            return new StorageConnection(name, blob, queue, new AzureSasCredential(sas.TrimStart('?')), "shared access signature");
        }

        throw new FormatException($"{source} has neither AccountKey nor SharedAccessSignature.");
    }

    // key=value;key=value: a value may hold '=' (base64 keys, SAS queries), so split at the first one.
    private static Dictionary<string, string> Split(string source, string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"{source} is not a list of key=value pairs separated by ';'.");
            }

            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return parts;
    }
}
