using System.Security.Cryptography;
using System.Text;

namespace Prelabel.Host.Hosting;

/// <summary>
/// HTTP Basic on every route when BASIC_AUTH_USER and BASIC_AUTH_PASS are both set, as label-studio-ml-backend does:
/// Label Studio can send Basic credentials but not a function key.
/// </summary>
public sealed class BasicAuthentication(string user, string password)
{
    public const string Required = "Authentication required: set the same user and password as BASIC_AUTH_USER / BASIC_AUTH_PASS in the Label Studio model settings (Authentication method: Basic Authentication).";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>Both set: on. Neither: off. One alone, or a password whose Key Vault reference did not resolve, stops the start: a lost secret never opens the backend.</summary>
    public static BasicAuthentication? From(IConfiguration configuration)
    {
        if (Settings.IsUnresolvedKeyVaultReference(configuration["BASIC_AUTH_PASS"]))
            throw new InvalidOperationException(Settings.UnresolvedWarning("BASIC_AUTH_PASS"));
        var settings = new Settings(configuration);
        return (settings.Text("BASIC_AUTH_USER"), settings.Text("BASIC_AUTH_PASS")) switch
        {
            ({ } user, { } password) => new BasicAuthentication(user, password),
            (null, null) => null,
            _ => throw new InvalidOperationException("BASIC_AUTH_USER and BASIC_AUTH_PASS go together: set both to require basic auth, or neither."),
        };
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
