using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Prelabel.LabelStudio.TestServer;

/// <summary>HS256 JSON Web Tokens as rest_framework_simplejwt issues them (token_type, exp, iat, jti, user_id).</summary>
internal sealed class TestJwt(TimeProvider time)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Issue(string tokenType, int userId, TimeSpan lifetime, out string jti)
    {
        var now = time.GetUtcNow();
        jti = Guid.NewGuid().ToString("N");
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new
        {
            token_type = tokenType,
            exp = (now + lifetime).ToUnixTimeSeconds(),
            iat = now.ToUnixTimeSeconds(),
            jti,
            user_id = userId,
        }));
        return $"{header}.{payload}.{Sign(header, payload)}";
    }

    /// <summary>Null when valid, else simplejwt's reason.</summary>
    public string? Validate(string token, string expectedType, out JsonElement claims)
    {
        claims = default;
        var parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return "Token is invalid";
        }

        claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
        if (claims.GetProperty("exp").GetInt64() <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return "Token is expired";
        }

        return claims.GetProperty("token_type").GetString() == expectedType ? null : "Token has wrong type";
    }

    private string Sign(string header, string payload) =>
        Encode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{header}.{payload}")));

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
