using Azure.Core;
using Azure.Identity;

namespace Prelabel.Storage;

/// <summary>
/// Azure Functions' identity-based connection settings (learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity):
/// <c>NAME__blobServiceUri</c> (or <c>NAME__serviceUri</c>, as blob bindings name it), <c>NAME__queueServiceUri</c>,
/// <c>NAME__accountName</c>, <c>NAME__credential</c>, <c>NAME__clientId</c>.
/// </summary>
internal static class StorageIdentitySettings
{
    /// <returns>Null when none of the endpoint settings is set.</returns>
    public static StorageConnection? Read(string name, Func<string, string?> settings)
    {
        string? Setting(string key) => settings($"{name}__{key}") is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var account = Setting("accountName");
        Uri? Endpoint(string key, string service) => Setting(key) is { } value
            ? StorageUris.Service(value) ?? throw new FormatException($"{name}__{key} is not an absolute http(s) URI.")
            : account is null ? null : new Uri($"https://{account}.{service}.core.windows.net");

        var blob = Setting("blobServiceUri") is not null ? Endpoint("blobServiceUri", "blob") : Endpoint("serviceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        if (blob is null && queue is null)
        {
            return null;
        }

        var (credential, description) = Credential(name, Setting("credential"), Setting("clientId"));
        return new StorageConnection(name, blob, queue, credential, description);
    }

    // As Microsoft.Extensions.Azure reads the same settings: managedidentity picks ManagedIdentityCredential, anything
    // unset the DefaultAzureCredential chain, which also tries a user-assigned identity when a client id is given.
    private static (TokenCredential Credential, string Description) Credential(string name, string? credential, string? clientId)
    {
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null
                ? (new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned), "system-assigned managed identity")
                : (new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)), $"user-assigned managed identity {clientId}");
        }

        if (credential is not null)
        {
            throw new FormatException($"{name}__credential is {credential}; the only value understood is managedidentity (or leave it unset for DefaultAzureCredential).");
        }

        return clientId is null
            ? (new DefaultAzureCredential(), "DefaultAzureCredential")
            : (new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }), $"DefaultAzureCredential with managed identity {clientId}");
    }
}
