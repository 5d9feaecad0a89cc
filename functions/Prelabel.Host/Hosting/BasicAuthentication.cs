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

    public static BasicAuthentication? From(IConfiguration configuration) =>
        configuration["BASIC_AUTH_USER"] is { Length: > 0 } user && configuration["BASIC_AUTH_PASS"] is { Length: > 0 } password
            ? new BasicAuthentication(user, password)
            : null;

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
