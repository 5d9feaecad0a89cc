using System.Security.Cryptography;
using System.Text;

namespace Prelabel.Host.Hosting;

/// <summary>
/// HTTP Basic on every route when BASIC_AUTH_USER and BASIC_AUTH_PASS are both set, as label-studio-ml-backend does:
/// Label Studio can send Basic credentials but not a function key.
/// </summary>
public sealed class BasicAuthentication(string user, string password)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>Both set: on. Neither: off. One alone (or a password whose Key Vault reference did not resolve) stops the start, so a lost secret never opens the backend.</summary>
    public static BasicAuthentication? From(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        var (user, password) = (settings.Text("BASIC_AUTH_USER"), settings.Text("BASIC_AUTH_PASS"));
        if (user is not null && password is not null) return new BasicAuthentication(user, password);
        if (user is null && password is null && !Settings.IsUnresolvedKeyVaultReference(configuration["BASIC_AUTH_PASS"])) return null;
        throw new InvalidOperationException(Settings.IsUnresolvedKeyVaultReference(configuration["BASIC_AUTH_PASS"])
            ? Settings.UnresolvedWarning("BASIC_AUTH_PASS").Replace("it counts as unset", "basic auth cannot be checked without it")
            : "BASIC_AUTH_USER and BASIC_AUTH_PASS go together: set both to require basic auth, or neither.");
    }

    /// <summary>Compares hashes in constant time, so neither the content nor the length of the secret leaks through timing.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorization[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded), _expected);
    }
}
