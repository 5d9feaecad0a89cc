using System.Globalization;
using System.Text;

namespace Prelabel.Storage;

/// <summary>
/// An account shared access signature (learn.microsoft.com/rest/api/storageservices/create-account-sas), signed with
/// the account key: for handing out time-limited access without the key.
/// </summary>
public sealed class AccountSasBuilder
{
    private const string PermissionOrder = "rwdxylacuptfi";

    /// <summary>When the signature stops working.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>When it starts working; at once when null.</summary>
    public DateTimeOffset? StartsOn { get; init; }

    /// <summary>Letters of the services it covers: b blob, q queue, t table, f file.</summary>
    public string Services { get; init; } = "bq";

    /// <summary>Letters of the resource levels it covers: s service, c container or queue, o blob or message.</summary>
    public string ResourceTypes { get; init; } = "sco";

    /// <summary>Letters among r read, w write, d delete, l list, a add, c create, u update, p process; any order.</summary>
    public required string Permissions { get; init; }

    /// <summary>"https", or "https,http" to allow plain http as Azurite serves.</summary>
    public string Protocol { get; init; } = "https";

    public string Version { get; init; } = StorageClientOptions.DefaultServiceVersion;

    /// <summary>The query to append to a URI or put in a connection string's SharedAccessSignature (no leading '?').</summary>
    public string ToSasQuery(StorageSharedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var permissions = string.Concat(PermissionOrder.Where(Permissions.Contains));
        if (permissions.Length != Permissions.Distinct().Count())
        {
            throw new ArgumentException($"Permissions {Permissions} holds letters outside {PermissionOrder}.", nameof(Permissions));
        }

        var start = StartsOn is { } startsOn ? Iso(startsOn) : string.Empty;
        var expiry = Iso(ExpiresOn);

        // Since 2020-12-06 the string to sign ends with the (empty) encryption scope and a newline.
        var stringToSign = string.Join('\n', credential.AccountName, permissions, Services, ResourceTypes, start, expiry, string.Empty, Protocol, Version, string.Empty, string.Empty);
        var query = new StringBuilder()
            .Append("sv=").Append(Uri.EscapeDataString(Version))
            .Append("&ss=").Append(Services)
            .Append("&srt=").Append(ResourceTypes)
            .Append("&sp=").Append(permissions)
            .Append("&se=").Append(Uri.EscapeDataString(expiry));
        if (start.Length > 0)
        {
            query.Append("&st=").Append(Uri.EscapeDataString(start));
        }

        return query
            .Append("&spr=").Append(Uri.EscapeDataString(Protocol))
            .Append("&sig=").Append(Uri.EscapeDataString(credential.ComputeHmacSha256(stringToSign)))
            .ToString();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
