using System.Security.Cryptography;
using System.Text;

namespace Prelabel.Storage;

/// <summary>A storage account name and key, for Shared Key authorization and SAS signing. The key never leaves this object.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <param name="accountName">The storage account name, e.g. devstoreaccount1.</param>
    /// <param name="accountKey">The account key as the portal shows it (base64).</param>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // Not chained: the inner message could quote the key.
            throw new FormatException($"The account key for storage account {accountName} is not base64.");
        }
    }

    public string AccountName { get; }

    public override string ToString() => $"shared key of account {AccountName}";

    /// <summary>Base64 HMAC-SHA256 of the UTF-8 text under the account key: the signature of Shared Key and SAS.</summary>
    internal string ComputeHmacSha256(string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));
}
